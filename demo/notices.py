"""Demo notices, credentials and availability (fictional; the notices are marked as
samples for the clinic's counsel), read from demo/content/notices.yaml. Adds only
what is missing, and the Spanish of a demo notice that has none yet."""

import datetime

from django.utils import timezone

from locations.models import (
    Credential,
    CredentialScope,
    LocationCredential,
    LocationPage,
)
from notices.models import NoticeVersion

from .text import read_text


def load_notices_and_credentials(home, stdout) -> None:
    content = read_text("notices")
    load_notices(content["notices"])
    stdout.write("   - sample notices ready (for the clinic's counsel to review)")
    location = LocationPage.objects.descendant_of(home).order_by("path").first()
    if location is not None:
        load_credentials(content["credentials"], location)
        stdout.write(f"   - credentials for {location.title} ready, one expiring soon")
        load_availability(location)


SPANISH_FIELDS = ("body_es", "substance_use_records_es", "change_summary_es")


def load_notices(notices: dict) -> None:
    # Dated a month back the first time, so the archive and the leads have history.
    effective = timezone.localdate() - datetime.timedelta(days=30)
    for kind, text in notices.items():
        spanish = {name: text.get(name, "").strip() for name in SPANISH_FIELDS}
        version = NoticeVersion.objects.filter(kind=kind).order_by("number").first()
        if version is None:
            NoticeVersion.objects.create(
                kind=kind,
                effective_date=effective,
                body=text["body"].strip(),
                substance_use_records=text.get("substance_use_records", "").strip(),
                change_summary=text["change_summary"],
                is_sample=True,
                **spanish,
            )
        elif (
            not version.body_es
            and spanish["body_es"]
            and version.body == text["body"].strip()
        ):
            # A demo loaded before the Spanish was written: the same version
            # gains its Spanish (allowed once on a version in force).
            for name, value in spanish.items():
                setattr(version, name, value)
            version.save()


def load_credentials(credentials: list[dict], location) -> None:
    added = False
    for data in credentials:
        data = dict(data)
        days = data.pop("expires_in_days")
        credential, created = Credential.objects.get_or_create(
            kind=data.pop("kind"),
            title=data.pop("title"),
            defaults={
                **data,
                "expires_on": timezone.localdate() + datetime.timedelta(days=days),
            },
        )
        if created:
            CredentialScope.objects.create(credential=credential, location=location)
            location.credentials.add(LocationCredential(credential=credential))
            added = True
    if added:  # through a revision, as an editor would: the page's history has it
        location.save_revision().publish()


def load_availability(location) -> None:
    """Accepting new patients, next assessment tomorrow: shown for 48 hours."""
    if location.availability_updated_at is not None:
        return
    location.accepting_new_patients = True
    location.next_assessment_on = timezone.localdate() + datetime.timedelta(days=1)
    location.availability_updated_at = timezone.now()
    location.save_revision().publish()
