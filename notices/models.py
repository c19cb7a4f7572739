"""Notices (privacy practices, nondiscrimination, …) and consent wordings, kept as
versions that never change once visitors may have read them.

A lead points at the exact ConsentWording its form showed and at the
NoticeVersions in force when it arrived (contact/models.py), so both must read
tomorrow byte for byte as they read today: an in-force notice version and every
consent wording are frozen; a change is a new version.

A notice version is one version in every language: its Spanish wording sits
beside the English on the same row (the `_es` fields), so the version numbers,
effective dates and archive stay one series. The Spanish may be added to a version
already in force (Spanish pages show the English until then) and, once written
there, is frozen like the English.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import RichTextField

from .choices import ConsentPurpose, NoticeKind

NOTICE_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]
CONSENT_MAX_LENGTH = 600
# What an editor may touch on a version already in force: nothing visitors read.
FROZEN_FIELDS = ("kind", "effective_date", "body", "substance_use_records")
# The same version's Spanish: frozen once written on a version in force.
SPANISH_FIELDS = ("body_es", "substance_use_records_es")


class FrozenVersion(Exception):
    """A save that would change what visitors were shown (a bug in the caller:
    the admin refuses the change with a message before it gets here)."""


class NoticeVersionQuerySet(models.QuerySet):
    def in_force(self, on=None):
        """Versions visitors have been able to read by `on` (today)."""
        return self.filter(effective_date__lte=on or timezone.localdate())

    def current(self, on=None) -> dict[str, "NoticeVersion"]:
        """The version in force of each notice kind that has one, in one query."""
        found = {}
        for version in self.in_force(on).order_by("kind", "-effective_date"):
            found.setdefault(version.kind, version)
        return {kind: found[kind] for kind in NoticeKind.values if kind in found}


class NoticeVersion(models.Model):
    """One wording of one notice, in force from its effective date until the next
    version's. Once in force it is kept exactly as visitors read it, at its own
    address, in the notice's archive."""

    kind = models.CharField(max_length=30, choices=NoticeKind.choices, db_index=True)
    number = models.PositiveIntegerField(editable=False)
    effective_date = models.DateField(
        help_text="The day this wording takes over. Today or later: what was in "
        "force before stays as it was."
    )
    body = RichTextField(features=NOTICE_FEATURES)
    substance_use_records = RichTextField(
        "substance use records section",
        features=NOTICE_FEATURES,
        blank=True,
        help_text="Notice of privacy practices only (required there): how records "
        "of substance use treatment are protected (42 CFR Part 2).",
    )
    change_summary = models.CharField(
        "what changed",
        max_length=300,
        blank=True,
        help_text="One line shown in the archive, e.g. “Added our new location.”",
    )
    body_es = RichTextField(
        "body in Spanish",
        features=NOTICE_FEATURES,
        blank=True,
        help_text="The same notice in Spanish, for pages under /es/. Empty: Spanish "
        "pages show the English, marked as English.",
    )
    substance_use_records_es = RichTextField(
        "substance use records section in Spanish",
        features=NOTICE_FEATURES,
        blank=True,
    )
    change_summary_es = models.CharField(
        "what changed, in Spanish", max_length=300, blank=True
    )
    is_sample = models.BooleanField(
        "sample wording",
        default=False,
        help_text="Shows a banner saying the text is a sample awaiting review by "
        "the clinic's counsel.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NoticeVersionQuerySet.as_manager()

    panels = [
        HelpPanel(
            content="A version already in force cannot be changed: visitors and "
            "leads refer to it as it was. Use “Copy” to start the next version."
        ),
        FieldPanel("kind"),
        FieldPanel("effective_date"),
        FieldPanel("body"),
        FieldPanel("substance_use_records"),
        FieldPanel("change_summary"),
        FieldPanel("is_sample"),
        MultiFieldPanel(
            [
                HelpPanel(
                    content="The same version in Spanish. It can be added to a "
                    "version already in force; once written there it is kept as "
                    "visitors read it, like the English."
                ),
                FieldPanel("body_es"),
                FieldPanel("substance_use_records_es"),
                FieldPanel("change_summary_es"),
            ],
            heading="Spanish",
        ),
    ]

    class Meta:
        ordering = ["kind", "-effective_date"]
        verbose_name = "notice version"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "number"], name="notices_version_number_unique"
            ),
            models.UniqueConstraint(
                fields=["kind", "effective_date"], name="notices_version_date_unique"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}, version {self.number or 'new'}"

    def save(self, *args, **kwargs):
        if self.frozen_changes():
            raise FrozenVersion(f"{self} is in force and cannot change")
        with transaction.atomic():
            if self.number is None:
                self.number = next_number(NoticeVersion, kind=self.kind)
            super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse(
            "notices:version", kwargs={"kind": self.kind, "number": self.number}
        )

    @property
    def title(self) -> str:
        return self.get_kind_display()

    def in_language(self, language: str) -> "NoticeText":
        """What a page in `language` shows of this version: the Spanish when it
        has been written, else the English (each part says which)."""
        summary = (self.change_summary, "en")
        if language == "es" and self.change_summary_es:
            summary = (self.change_summary_es, "es")
        if language == "es" and _has_text(self.body_es):
            return NoticeText(
                "es", self.body_es, self.substance_use_records_es, *summary
            )
        return NoticeText("en", self.body, self.substance_use_records, *summary)

    def is_in_force_on(self, day) -> bool:
        return self.effective_date <= day

    def stored(self) -> "NoticeVersion | None":
        if self.pk is None:
            return None
        return type(self).objects.filter(pk=self.pk).first()

    def frozen_changes(self, stored=None) -> list[str]:
        """The fields visitors read that differ from a stored in-force version."""
        stored = stored or self.stored()
        if stored is None or stored.effective_date > timezone.localdate():
            return []
        changed = [f for f in FROZEN_FIELDS if getattr(self, f) != getattr(stored, f)]
        # The Spanish may be written later, once; then it stays as written.
        return changed + [
            f
            for f in SPANISH_FIELDS
            if getattr(stored, f) and getattr(self, f) != getattr(stored, f)
        ]

    def clean(self):
        stored = self.stored()
        today = timezone.localdate()
        if self.frozen_changes(stored):
            raise ValidationError(
                f"Version {stored.number} has been in force since "
                f"{date_format(stored.effective_date)} and is kept as visitors read "
                "it. Copy it to write the next version."
            )
        if self.effective_date and self.effective_date < today and stored is None:
            raise ValidationError(
                {
                    "effective_date": "A new version cannot take effect in the past: "
                    "that would change what visitors were told. Choose today or later."
                }
            )
        if self.kind == NoticeKind.PRIVACY_PRACTICES:
            section = "substance_use_records"
            if not _has_text(self.substance_use_records):
                raise ValidationError({section: SUD_SECTION_NEEDED})
            if _has_text(self.body_es) and not _has_text(self.substance_use_records_es):
                raise ValidationError({f"{section}_es": SUD_SECTION_NEEDED})


SUD_SECTION_NEEDED = (
    "The notice of privacy practices needs its section on substance use "
    "treatment records."
)


@dataclass(frozen=True)
class NoticeText:
    """One version's words in one language (NoticeVersion.in_language)."""

    language: str
    body: str
    substance_use_records: str
    change_summary: str
    summary_language: str


def _has_text(html: str) -> bool:
    return bool(strip_tags(html or "").strip())


def next_number(model, **scope) -> int:
    latest = model.objects.filter(**scope).aggregate(n=Max("number"))["n"]
    return (latest or 0) + 1


class ConsentWordingQuerySet(models.QuerySet):
    def current(self, purpose: str, language: str = "en") -> "ConsentWording | None":
        wordings = self.filter(purpose=purpose).order_by("-number")
        # A language nobody has written a wording in yet shows the English one.
        return (
            wordings.filter(language=language).first()
            or wordings.filter(language=settings.LANGUAGE_CODE).first()
        )


class ConsentWording(models.Model):
    """The sentence a visitor ticks before a form is sent. Never changed: saving an
    edit in the admin stores a new version, and leads keep pointing at the one
    they were shown."""

    purpose = models.CharField(max_length=20, choices=ConsentPurpose.choices)
    # Each language has its own versions: a Spanish page shows (and its lead
    # records) the Spanish wording, numbered apart from the English one.
    language = models.CharField(
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text="The language of the pages that show this wording.",
    )
    number = models.PositiveIntegerField(editable=False)
    text = models.TextField(
        max_length=CONSENT_MAX_LENGTH,
        help_text="Shown beside the checkbox exactly as written. Saving a change "
        "makes a new version; leads already received keep the wording they saw.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = ConsentWordingQuerySet.as_manager()

    panels = [FieldPanel("purpose"), FieldPanel("language"), FieldPanel("text")]

    class Meta:
        ordering = ["purpose", "language", "-number"]
        verbose_name = "consent wording"
        constraints = [
            models.UniqueConstraint(
                fields=["purpose", "language", "number"],
                name="notices_consent_number_unique",
            )
        ]

    def __str__(self):
        number = self.number or "new"
        return f"{self.get_purpose_display()}, {self.language} version {number}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise FrozenVersion(f"{self} was shown to visitors and cannot change")
        with transaction.atomic():
            if self.number is None:
                self.number = next_number(
                    ConsentWording, purpose=self.purpose, language=self.language
                )
            super().save(*args, **kwargs)

    @property
    def digest(self) -> str:
        """SHA-256 of the exact bytes (UTF-8) shown: quote it to prove the text."""
        return hashlib.sha256(self.text.encode()).hexdigest()

    def clean(self):
        if not (self.text or "").strip():
            raise ValidationError({"text": "Write the sentence visitors agree to."})
