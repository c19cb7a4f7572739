"""Credentials that cannot overstate: licences, accreditations and the advertising
platform's certification, each with the exact locations (and levels of care) it
covers and an expiry. A location page shows only credentials that cover it, are
active and have not expired; the day after expiry they vanish from the HTML and
the JSON-LD without anyone touching them."""

import datetime
import functools

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page

from lantana.core import rows as plain
from lantana.core.validators import validate_link

from .choices import CredentialKind, CredentialStatus, LevelOfCare

# The days before expiry on which whoever keeps credentials is warned, once each.
WARNING_DAYS = (60, 7)


class CredentialQuerySet(models.QuerySet):
    def shown_on(self, day: datetime.date | None = None):
        """Credentials a page may show on `day`: active and not yet expired."""
        day = day or timezone.localdate()
        return self.filter(expires_on__gte=day).exclude(
            status__in=[CredentialStatus.PENDING, CredentialStatus.SUSPENDED]
        )

    def expiring(self, within_days: int, day: datetime.date | None = None):
        day = day or timezone.localdate()
        return self.filter(
            expires_on__gte=day, expires_on__lte=day + datetime.timedelta(within_days)
        )


GONE_LOCATION_MESSAGE = (
    "This location no longer exists (it was deleted while you were editing). "
    "Choose the location again from the list."
)


class CredentialForm(WagtailAdminModelForm):
    levels_of_care = forms.MultipleChoiceField(
        choices=LevelOfCare.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Licences: the levels of care the licence names.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scope = self.formsets.get("scope")
        if scope is None:
            return
        # Each form holds its own copy of the field's messages (Field.__deepcopy__).
        for form in [*scope.forms, scope.empty_form]:
            form.fields["location"].error_messages["invalid_choice"] = (
                GONE_LOCATION_MESSAGE
            )

    def clean_expires_on(self):
        expires_on = self.cleaned_data.get("expires_on")
        changed = "expires_on" in self.changed_data or self.instance.pk is None
        if expires_on and changed and expires_on < timezone.localdate():
            raise ValidationError(
                "This expiry date is in the past. Enter the date on the current "
                "certificate; an expired credential cannot be shown."
            )
        return expires_on


class Credential(ClusterableModel):
    """A licence, an accreditation or the advertising certification, as the
    certificate states it. Its scope is the exact locations it covers."""

    kind = models.CharField(max_length=20, choices=CredentialKind.choices)
    title = models.CharField(
        max_length=120,
        help_text="As shown to visitors, e.g. “Outpatient substance use treatment "
        "licence”.",
    )
    issuer = models.CharField(
        "issued by",
        max_length=120,
        help_text="The licensing agency, accrediting body or advertising platform.",
    )
    number = models.CharField(
        "licence or certificate number", max_length=60, blank=True
    )
    levels_of_care = models.JSONField(default=list, blank=True)
    status = models.CharField(
        max_length=12,
        choices=CredentialStatus.choices,
        default=CredentialStatus.ACTIVE,
        help_text="Only active credentials are shown.",
    )
    verification_url = models.URLField(
        "verification link",
        blank=True,
        validators=[validate_link],
        help_text="Where anyone can check it (the issuer's public lookup).",
    )
    expires_on = models.DateField(
        help_text="Shown until the end of this day, then hidden automatically."
    )
    # When each warning went out (WARNING_DAYS); cleared when the expiry moves.
    warned_60_at = models.DateTimeField(null=True, blank=True, editable=False)
    warned_7_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CredentialQuerySet.as_manager()
    base_form_class = CredentialForm

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("issuer"), FieldPanel("number")]),
        FieldPanel("levels_of_care"),
        FieldRowPanel([FieldPanel("expires_on"), FieldPanel("verification_url")]),
        MultiFieldPanel(
            [InlinePanel("scope", label="Location covered", min_num=1)],
            heading="Scope: exactly what it covers",
        ),
    ]

    class Meta:
        ordering = ["kind", "title"]

    def __str__(self):
        return f"{self.title} ({self.issuer})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            before = type(self).objects.filter(pk=self.pk).values("expires_on").first()
            if before and before["expires_on"] != self.expires_on:
                self.warned_60_at = self.warned_7_at = None  # renewed: warn anew
        super().save(*args, **kwargs)

    def is_shown_on(self, day: datetime.date) -> bool:
        return self.expires_on >= day and self.status == CredentialStatus.ACTIVE

    def covered_location_ids(self) -> set[int]:
        return {row.location_id for row in self.scope.all()}

    def get_levels_of_care_display(self) -> list[str]:
        return [LevelOfCare(level).label for level in self.levels_of_care]

    def clean(self):
        if self.kind == CredentialKind.LICENCE and not self.number:
            raise ValidationError({"number": "A licence is shown with its number."})


class CredentialScope(Orderable):
    """One location a credential covers, optionally only some levels of care."""

    credential = ParentalKey(Credential, on_delete=models.CASCADE, related_name="scope")
    location = models.ForeignKey(
        "locations.LocationPage", on_delete=models.CASCADE, related_name="+"
    )
    program = models.CharField(
        "level of care",
        max_length=30,
        choices=LevelOfCare.choices,
        blank=True,
        help_text="Leave empty if it covers the whole location.",
    )

    panels = [FieldRowPanel([FieldPanel("location"), FieldPanel("program")])]

    class Meta(Orderable.Meta):
        verbose_name = "location covered"

    def __str__(self):
        return f"{self.credential} at location {self.location_id}"


class LocationCredential(Orderable):
    """A credential a location page shows; only one whose scope covers it."""

    location = ParentalKey(
        "locations.LocationPage", on_delete=models.CASCADE, related_name="credentials"
    )
    credential = models.ForeignKey(
        Credential, on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("credential")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["location", "credential"], name="locations_credential_once"
            )
        ]

    def __str__(self):
        return f"{self.credential} on location {self.location_id}"


def scope_error(credential: Credential, location_id: int | None) -> str:
    """Why `credential` may not be shown on this location ("" when it may)."""
    if location_id is not None and location_id in credential.covered_location_ids():
        return ""
    return (
        f"“{credential}” does not cover this location: its scope names other "
        "locations. Add this location to the credential's scope first, if the "
        "certificate covers it."
    )


def credentials_shown(location, day=None) -> list[Credential]:
    """The credentials a location page shows today, in the editor's order: attached,
    covering it, active, unexpired (one query, written once: credentials_sql)."""
    day = day or timezone.localdate()
    params = [
        location.pk,
        plain.db_value(Page, "translation_key", location.translation_key),
    ]
    rows = plain.read(Credential, credentials_sql(), params)
    return [credential for credential in rows if credential.is_shown_on(day)]


@functools.cache
def credentials_sql() -> str:
    """The credentials attached to location %s whose scope covers it, in the
    editor's order. A translation of a covered location is the same place: the
    scope names the page in one language, the translation shares its
    translation_key (the second parameter: the location's, as the database
    stores it). Built by the ORM (a join through the scope, then DISTINCT) it
    cost a millisecond and a half of Python; only table and column names are
    formatted in."""
    credential, attached = Credential._meta.db_table, LocationCredential._meta.db_table
    scope, page = CredentialScope._meta.db_table, Page._meta.db_table
    return f"""
        SELECT c.* FROM {attached} lc JOIN {credential} c ON c.id = lc.credential_id
        WHERE lc.location_id = %s AND EXISTS (
            SELECT 1 FROM {scope} s JOIN {page} sp ON sp.id = s.location_id
            WHERE s.credential_id = c.id AND sp.translation_key = %s
        )
        ORDER BY lc.sort_order, lc.id
    """  # noqa: S608 (names from the models' _meta; values are parameters)
