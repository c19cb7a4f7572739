"""Each kind of lead, declared once. Everything that differs between an inquiry and
a chat request (its label, form, form prefix, fields, admin wording, notification
subject) is read from here; nothing else chooses by type."""

from dataclasses import dataclass
from functools import cached_property

from django.utils.module_loading import import_string

from notices.choices import ConsentPurpose, NoticeKind

from .choices import LeadKind

# What a form that asks us to get in touch relies on (linked beside its consent).
CONTACT_NOTICES = (
    NoticeKind.PRIVACY_PRACTICES,
    NoticeKind.WEBSITE_PRIVACY,
    NoticeKind.NONDISCRIMINATION,
)


@dataclass(frozen=True)
class LeadKindSpec:
    kind: LeadKind
    label_plural: str
    form_prefix: str  # the public form's field prefix: "inquiry-preferred_name"
    form_path: str  # dotted path of the public form class
    message_field: str  # where the visitor's own words go (crisis check, listing)
    fields: tuple[str, ...]  # the fields only this kind has
    # Shared fields this kind's form never asks (shown nowhere for it).
    never_asked: tuple[str, ...] = ()
    # The consent wording its form shows (notices.ConsentWording) and the notices
    # the form links beside it.
    consent_purpose: str = ConsentPurpose.CONTACT
    notices: tuple[str, ...] = CONTACT_NOTICES
    # An answer owed within this many business days of receipt (the inbox shows
    # the due date and an amber, then red, alarm); None: the waiting time applies.
    due_business_days: int | None = None
    # Encrypted fields staff may read on the lead's page but that never leave it:
    # not in the export, the notification or any log.
    inbox_only: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """ "Inquiry", as in "Inquiry #42" (admin, audit log, email)."""
        return self.kind.label

    @cached_property
    def form_class(self):
        return import_string(self.form_path)

    @property
    def notification_subject(self) -> str:
        return f"New {self.label.lower()}"

    def was_posted(self, data) -> bool:
        """Whether these POST data came from this kind's form (its submission id)."""
        return f"{self.form_prefix}-submission_id" in data


KINDS: dict[str, LeadKindSpec] = {
    spec.kind: spec
    for spec in (
        LeadKindSpec(
            kind=LeadKind.INQUIRY,
            label_plural="Inquiries",
            form_prefix="inquiry",
            form_path="contact.forms.InquiryForm",
            message_field="message",
            fields=("message",),
        ),
        LeadKindSpec(
            kind=LeadKind.CHAT_REQUEST,
            label_plural="Chat requests",
            form_prefix="chat",
            form_path="contact.forms.ChatRequestForm",
            message_field="first_message",
            fields=("best_time", "first_message"),
        ),
        LeadKindSpec(
            kind=LeadKind.LIVE_CHAT,
            label_plural="Live chats",
            form_prefix="live",
            form_path="contact.chat.forms.LiveChatForm",
            message_field="first_message",
            fields=("first_message",),
            consent_purpose=ConsentPurpose.LIVE_CHAT,
            # The visitor talks to us live: no callback details are asked.
            never_asked=(
                "email",
                "phone",
                "preferred_method",
                "preferred_time",
                "voicemail_ok",
                "email_ok",
            ),
        ),
        LeadKindSpec(
            kind=LeadKind.INSURANCE_CHECK,
            label_plural="Insurance checks",
            form_prefix="insurance",
            form_path="contact.cost_forms.InsuranceCheckForm",
            message_field="message",
            fields=(
                "insurer",
                "insurer_plan",
                "plan_type",
                "member_number",
                "date_of_birth",
                "message",
            ),
            never_asked=("email", "preferred_time", "email_ok"),
            inbox_only=("member_number", "date_of_birth"),
        ),
        LeadKindSpec(
            kind=LeadKind.ESTIMATE_REQUEST,
            label_plural="Good-faith estimate requests",
            form_prefix="estimate",
            form_path="contact.cost_forms.EstimateRequestForm",
            message_field="message",
            fields=("message",),
            notices=(*CONTACT_NOTICES, NoticeKind.GOOD_FAITH_ESTIMATE),
            # The No Surprises Act: a good-faith estimate within three business
            # days of the request.
            due_business_days=3,
        ),
    )
}

# Every field some kind has and another does not.
KIND_FIELDS = frozenset(name for spec in KINDS.values() for name in spec.fields)


def get_kind(kind: str) -> LeadKindSpec:
    return KINDS[LeadKind(kind)]


def kind_posted(data) -> LeadKindSpec | None:
    """The kind of lead form these POST data came from, by its prefixed submission id."""
    for spec in KINDS.values():
        if spec.was_posted(data):
            return spec
    return None
