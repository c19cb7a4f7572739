"""Demo leads in every status, and a demo intake user to work them.

Called by load_demo; safe to repeat. Every person here is made up.
"""

import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from contact.choices import LeadKind, LeadStatus
from contact.models import Lead
from contact.permissions import get_lead_reviewers_group
from locations.models import LocationPage

from .factories.leads import ChatRequestFactory, InquiryFactory, LeadNoteFactory
from .logins import INTAKE_FILE, read_login, write_login
from .text import read_text

INTAKE_USERNAME = "intake"
# How the demo recognises the intake user it created: .example is reserved (RFC 2606).
INTAKE_EMAIL = "intake@lantana.example"
FACTORIES = {
    LeadKind.INQUIRY: InquiryFactory,
    LeadKind.CHAT_REQUEST: ChatRequestFactory,
}


def load_leads(home, stdout) -> None:
    location = LocationPage.objects.descendant_of(home).first()
    intake = ensure_intake_user()
    if intake is None:
        stdout.write(
            f"   - a user called '{INTAKE_USERNAME}' exists and is not the demo's: "
            "left untouched, demo leads left unassigned"
        )
    created = 0
    for fields in read_text("leads")["leads"]:
        reference, status = fields.pop("reference"), fields.pop("status")
        if Lead.objects.filter(reference=reference).exists():
            continue
        factory = FACTORIES[fields.pop("kind")]
        hours = fields.pop("hours_ago")
        lead = factory(
            reference=reference,
            status=status,
            location=location,
            notified_at=timezone.now(),
            assignee=intake if status != LeadStatus.NEW else None,
            email=f"{fields['preferred_name'].split()[0].lower()}@example.com",
            phone="+18435550100",
            received=timezone.now() - timedelta(hours=hours),
            **fields,
        )
        if status in {LeadStatus.IN_PROGRESS, LeadStatus.CONTACTED}:
            LeadNoteFactory(
                lead=lead, author=intake, text="Called once, left a voicemail."
            )
        created += 1
    total = Lead.objects.count()
    stdout.write(f"   - lead desk ready: {created} demo leads added, {total} in all")


def ensure_intake_user():
    """The demo intake user, in the Lead reviewers group, whose login is kept on disk.

    The demo knows its own user by the address it gave it, in the reserved
    `.example` domain no real account has. A real user who happens to be called
    `intake` is left exactly as it is (None is returned). For the demo's own user,
    if the file and the database disagree (another database wrote the file), the
    password is reset so the printed login always works.
    """
    User = get_user_model()
    user = User.objects.filter(username=INTAKE_USERNAME).first()
    if user is None:
        user = User.objects.create_user(
            INTAKE_USERNAME,
            INTAKE_EMAIL,
            first_name="Demo",
            last_name="Intake",
        )
    elif user.email != INTAKE_EMAIL:
        return None
    saved = read_login(INTAKE_FILE)
    if (
        saved is None
        or saved[0] != INTAKE_USERNAME
        or not user.check_password(saved[1])
    ):
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save(update_fields=["password"])
        write_login(INTAKE_FILE, INTAKE_USERNAME, password)
    user.groups.add(get_lead_reviewers_group())
    return user


def login_line() -> str | None:
    """ "user 'intake' password '…'", or None when the password is not on disk or
    `intake` is not the demo's user."""
    demo_user = get_user_model().objects.filter(
        username=INTAKE_USERNAME, email=INTAKE_EMAIL
    )
    saved = read_login(INTAKE_FILE)
    if saved is None or not demo_user.exists():
        return None
    return f"user '{saved[0]}' password '{saved[1]}'"
