from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_noop
from wagtail.models.audit_log import (
    BaseLogEntry,
    BaseLogEntryManager,
    LogEntryQuerySet,
)

from . import crypto, due
from .choices import (
    REVOKED_CHANNELS,
    ContactChannel,
    ContactMethod,
    ContactTime,
    LeadFor,
    LeadKind,
    LeadStatus,
    PlanType,
    RevocationScope,
    VisitorLanguage,
)
from .fields import EncryptedTextField, Undecryptable
from .kinds import LeadKindSpec, get_kind
from .phones import format_us_phone

MESSAGE_MAX_LENGTH = 2000
FIRST_MESSAGE_MAX_LENGTH = 500
# A live chat's first message (contact/chat/forms.py) may be longer than a chat
# request's; the column holds the longer of the two.
FIRST_MESSAGE_COLUMN_LENGTH = 1000

DEFAULT_THANK_YOU_TEXT = gettext_noop(
    "<p>Someone from our admissions team will reach out the way you asked, usually "
    "within an hour between 8 am and 8 pm, and first thing the next morning if you "
    "wrote overnight. The call or message is free and confidential, and there is no "
    "pressure to decide anything.</p>"
)


class Lead(models.Model):
    """One person reaching out: an inquiry, a chat request, a live chat, an
    insurance check or a good-faith estimate request (`kind`).
    Every field here is health information; a live chat's transcript is in
    `conversation.messages` (contact/chat/models.py).

    What differs between kinds (label, form, fields, wording) is declared once in
    contact/kinds.py. `submission_id` is rendered into each form and makes a
    repeated post (double click, back-and-resubmit, two tabs) store nothing new.
    `reference` is the short, random code the visitor sees and can quote on the
    phone. `client_key` is a keyed hash of the sender's address and `receipt_key` a
    keyed hash of their browser's CSRF cookie: kept only while the rate-limit window
    runs (purge_leads clears them), never shown to staff.
    """

    kind = models.CharField(
        max_length=12, choices=LeadKind.choices, default=LeadKind.INQUIRY, db_index=True
    )
    # Encrypted at rest (contact/fields.py): what the visitor typed and where from.
    preferred_name = EncryptedTextField("what we should call you", max_length=80)
    email = EncryptedTextField(max_length=254, blank=True)
    phone = EncryptedTextField(
        max_length=16, blank=True, help_text="E.164, e.g. +18435550134"
    )
    preferred_method = models.CharField(
        max_length=10, choices=ContactMethod.choices, default=ContactMethod.PHONE
    )
    preferred_time = models.CharField(
        max_length=10, choices=ContactTime.choices, default=ContactTime.ANY
    )
    voicemail_ok = models.BooleanField("safe to leave a voicemail", default=False)
    email_ok = models.BooleanField("safe to email", default=False)
    lead_for = models.CharField(
        "who it is for", max_length=15, choices=LeadFor.choices, default=LeadFor.SELF
    )
    # Inquiries only.
    message = EncryptedTextField(blank=True, max_length=MESSAGE_MAX_LENGTH)
    # Chat requests only.
    best_time = EncryptedTextField("best time to reach me", max_length=120, blank=True)
    first_message = EncryptedTextField(
        max_length=FIRST_MESSAGE_COLUMN_LENGTH, blank=True
    )
    # Insurance checks only: the insurer, its plan and the kind of plan, and, when
    # the clinic asks them (InsuranceCheckSettings), the member number and date of
    # birth (YYYY-MM-DD), encrypted and never in emails or exports.
    insurer = models.ForeignKey(
        "contact.Insurer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    insurer_plan = models.ForeignKey(
        "contact.InsurerPlan",
        verbose_name="plan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    plan_type = models.CharField(
        "kind of plan", max_length=12, choices=PlanType.choices, blank=True
    )
    member_number = EncryptedTextField(max_length=30, blank=True)
    date_of_birth = EncryptedTextField(max_length=10, blank=True)
    consent = models.BooleanField(default=False)
    # What the visitor agreed to: the exact wording ticked (a frozen version), the
    # notices in force (LeadNoticeVersion), the channels allowed, and when.
    consent_wording = models.ForeignKey(
        "notices.ConsentWording",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    notices_in_force = models.ManyToManyField(
        "notices.NoticeVersion",
        through="LeadNoticeVersion",
        related_name="+",
        blank=True,
    )
    allowed_channels = models.JSONField(default=list, blank=True, editable=False)
    consented_at = models.DateTimeField(null=True, blank=True, editable=False)
    location = models.ForeignKey(
        "locations.LocationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The page and campaign someone came from can name their condition.
    source_path = EncryptedTextField(max_length=300, blank=True)
    utm_source = EncryptedTextField(max_length=100, blank=True)
    utm_medium = EncryptedTextField(max_length=100, blank=True)
    utm_campaign = EncryptedTextField(max_length=100, blank=True)
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    submission_id = models.UUIDField(unique=True, editable=False)
    reference = models.CharField(max_length=12, unique=True, editable=False)
    status = models.CharField(
        max_length=12, choices=LeadStatus.choices, default=LeadStatus.NEW, db_index=True
    )
    is_urgent = models.BooleanField(default=False, db_index=True)
    # The language of the pages the visitor wrote from: intake calls back in it.
    language = models.CharField(
        max_length=8,
        choices=VisitorLanguage.choices,
        default=VisitorLanguage.ENGLISH,
        db_index=True,
    )
    # Quarantined: hidden from the inbox and never notified. Never set on urgent
    # leads; a check that fired on one is kept in spam_reason ("possible spam").
    is_spam = models.BooleanField(default=False, db_index=True)
    spam_reason = models.CharField(max_length=40, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # When it was closed or quarantined: the retention clock for purge_leads.
    closed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # The last time staff touched it (status, assignee, spam, a note).
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)
    client_key = models.CharField(max_length=32, blank=True, editable=False)
    receipt_key = models.CharField(max_length=32, blank=True, editable=False)
    # Keyed hashes of name words, email prefixes and phone endings (contact/crypto.py):
    # how staff search encrypted leads. Rebuilt on every save that changes them.
    search_index = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["-is_urgent", "received_at"]
        verbose_name = "lead"
        indexes = [
            models.Index(
                fields=["client_key", "received_at"], name="contact_lead_client_idx"
            )
        ]

    def __str__(self):
        return f"{self.spec.label} #{self.pk}"

    def save(self, *args, update_fields=None, **kwargs):
        indexed = {"preferred_name", "email", "phone"}
        if update_fields is None or indexed & set(update_fields):
            self.update_search_index()
            if update_fields is not None:
                update_fields = {*update_fields, "search_index"}
        super().save(*args, update_fields=update_fields, **kwargs)

    def update_search_index(self) -> None:
        values = (self.preferred_name, self.email, self.phone)
        # A field no key opens keeps the index it had, rather than losing its terms.
        if not any(isinstance(value, Undecryptable) for value in values):
            self.search_index = crypto.build_index(*values)

    @property
    def spec(self) -> "LeadKindSpec":
        return get_kind(self.kind)

    @property
    def visitor_text(self) -> str:
        """What the visitor wrote in their kind's message field."""
        return getattr(self, self.spec.message_field)

    def due_on(self):
        """The date an answer is owed by, for kinds that owe one (else None)."""
        days = self.spec.due_business_days
        if days is None or self.received_at is None:
            return None
        return due.due_on(self.received_at, days)

    def phone_national(self) -> str:
        """ "(843) 555-0134": how intake dials it, and safe in a spreadsheet."""
        return format_us_phone(self.phone)

    def channels_from_answers(self) -> list[str]:
        """The channels the visitor's own answers allow: a call or a text as they
        chose, email if they gave one and said it was safe or preferred it,
        voicemail if they said so. A live chat asks none of this: none."""
        channels = []
        if self.phone and self.preferred_method == ContactMethod.PHONE:
            channels.append(ContactChannel.CALL)
        if self.phone and self.preferred_method == ContactMethod.TEXT:
            channels.append(ContactChannel.TEXT)
        if self.email and (
            self.email_ok or self.preferred_method == ContactMethod.EMAIL
        ):
            channels.append(ContactChannel.EMAIL)
        if self.phone and self.voicemail_ok:
            channels.append(ContactChannel.VOICEMAIL)
        return [str(channel) for channel in channels]

    def revoked_scopes(self) -> list[str]:
        """Scopes withdrawn (reads `revocations`, prefetched by the inbox)."""
        return sorted({revocation.scope for revocation in self.revocations.all()})

    def permitted_channels(self) -> list[str]:
        """What intake may use now: what was allowed, less what was withdrawn."""
        closed = set()
        for scope in self.revoked_scopes():
            closed |= REVOKED_CHANNELS[RevocationScope(scope)]
        return [c for c in self.allowed_channels if c not in closed]

    @property
    def is_do_not_contact(self) -> bool:
        return RevocationScope.NO_CONTACT in self.revoked_scopes()

    def phone_if_permitted(self) -> str:
        """The phone for an export, blank once no call, text or voicemail is allowed."""
        phone_channels = {ContactChannel.CALL, ContactChannel.TEXT}
        phone_channels.add(ContactChannel.VOICEMAIL)
        if (
            not phone_channels & set(self.permitted_channels())
            and self.revoked_scopes()
        ):
            return ""
        return self.phone_national()

    def email_if_permitted(self) -> str:
        """The email for an export, blank once email was withdrawn."""
        closed = {RevocationScope.NO_EMAIL, RevocationScope.NO_CONTACT}
        return "" if closed & set(self.revoked_scopes()) else self.email

    def consent_version(self) -> str:
        return str(self.consent_wording) if self.consent_wording_id else ""

    def get_allowed_channels_display(self) -> str:
        return ", ".join(ContactChannel(c).label for c in self.allowed_channels)

    def get_permitted_channels_display(self) -> str:
        return ", ".join(ContactChannel(c).label for c in self.permitted_channels())

    def get_revocations_display(self) -> str:
        return ", ".join(RevocationScope(s).label for s in self.revoked_scopes())

    @property
    def is_possible_spam(self) -> bool:
        """A spam check fired on a lead that was kept in the inbox (urgent)."""
        return bool(self.spam_reason) and not self.is_spam

    def sync_closed_at(self, now=None) -> None:
        """Start the retention clock when closed or quarantined; stop it otherwise."""
        if self.status == LeadStatus.CLOSED or self.is_spam:
            self.closed_at = self.closed_at or now or timezone.now()
        else:
            self.closed_at = None


class LeadNoticeVersion(models.Model):
    """A notice version in force when the lead arrived. The version is protected:
    it cannot be deleted while a lead refers to it."""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="+")
    notice_version = models.ForeignKey(
        "notices.NoticeVersion", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["lead", "notice_version"], name="contact_lead_notice_unique"
            )
        ]

    def __str__(self):
        return f"Notice in force for {self.lead}"


class LeadRevocation(models.Model):
    """A visitor withdrew a channel ("do not text") or all contact; recorded by
    intake with who and when. Never removed: a later change of heart is a note
    and a new lead."""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="revocations")
    scope = models.CharField(max_length=12, choices=RevocationScope.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["lead", "scope"], name="contact_revocation_once"
            )
        ]

    def __str__(self):
        return f"{self.get_scope_display()} on {self.lead}"


NOTE_MAX_LENGTH = 4000


class LeadNote(models.Model):
    """A note intake staff leave on a lead for each other; shown as a timeline."""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    text = EncryptedTextField(max_length=NOTE_MAX_LENGTH)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Note on {self.lead}"


class LeadRateLimitLock(models.Model):
    """One row per client key, locked while a post from that client is judged and
    stored, so concurrent posts cannot exceed LEAD_RATE_LIMIT (contact/spam.py).
    purge_leads deletes rows whose window has passed."""

    client_key = models.CharField(max_length=32, unique=True)
    locked_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return "Rate-limit lock"


class LeadDeskLogQuerySet(LogEntryQuerySet):
    def with_instances(self):
        # Site history links each entry to its object; these have none.
        return ((entry, None) for entry in self)


class LeadDeskLogManager(BaseLogEntryManager):
    def get_queryset(self):
        return LeadDeskLogQuerySet(self.model, using=self._db)

    def for_instance(self, instance):
        return self.none()


class LeadDeskLogEntry(BaseLogEntry):
    """An audit entry about the leads as a whole (a search, an export, a purge),
    not about one lead: shown in Reports → Site history beside Wagtail's own,
    under the Lead type. Written by contact/audit.py."""

    objects = LeadDeskLogManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = "lead desk log entry"
        verbose_name_plural = "lead desk log entries"

    def __str__(self):
        return f"LeadDeskLogEntry {self.pk}: {self.action}"

    @property
    def object_id(self):
        return ""


# Live chat's models and the contact page belong to this app (label "contact").
from .chat.models import (  # noqa: E402, F401
    CannedReply,
    ChatAvailability,
    ChatConversation,
    ChatMessage,
)
from .insurers import (  # noqa: E402, F401
    InsuranceCheckSettings,
    Insurer,
    InsurerPlan,
)
from .pages import ContactPage, CostPage  # noqa: E402, F401
