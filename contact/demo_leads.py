"""Demo leads in every status, and a demo intake user to work them.

Called by load_demo; safe to repeat. Every person here is made up.
"""

import os
import secrets
import stat
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from locations.models import LocationPage

from .choices import ContactMethod, ContactTime, LeadFor, LeadStatus
from .lead_factories import ChatRequestFactory, InquiryFactory, LeadNoteFactory
from .models import Lead
from .permissions import get_lead_reviewers_group


def intake_login_file() -> Path:
    return Path(settings.DEMO_LOGIN_DIR) / ".demo-intake-login"


INTAKE_USERNAME = "intake"
# How the demo recognises the intake user it created: .example is reserved (RFC 2606).
INTAKE_EMAIL = "intake@lantana.example"

# (factory, reference, hours ago, status, extra fields)
DEMO_LEADS = [
    (
        InquiryFactory,
        "DEMO-0001",
        2,
        LeadStatus.NEW,
        {
            "preferred_name": "Sam",
            "message": "My brother has been drinking a lot since he lost his job. "
            "I don't know how to bring it up with him. Can someone call me?",
            "lead_for": LeadFor.LOVED_ONE,
            "is_urgent": True,
            "preferred_method": ContactMethod.PHONE,
            "preferred_time": ContactTime.EVENING,
            "voicemail_ok": True,
        },
    ),
    (
        InquiryFactory,
        "DEMO-0002",
        20,
        LeadStatus.NEW,
        {
            "preferred_name": "Jordan",
            "message": "Do you take Blue Cross? I'm looking at the evening program.",
            "preferred_method": ContactMethod.EMAIL,
            "email_ok": True,
            "utm_source": "newsletter",
        },
    ),
    (
        ChatRequestFactory,
        "DEMO-0003",
        5,
        LeadStatus.NEW,
        {
            "preferred_name": "Riley",
            "first_message": "Hi, is there someone I could talk to tonight?",
            "best_time": "After 7 pm",
            "preferred_method": ContactMethod.TEXT,
        },
    ),
    (
        InquiryFactory,
        "DEMO-0004",
        30,
        LeadStatus.IN_PROGRESS,
        {
            "preferred_name": "Morgan",
            "message": "I'm a counselor referring a client who needs outpatient care.",
            "lead_for": LeadFor.PROFESSIONAL,
        },
    ),
    (
        ChatRequestFactory,
        "DEMO-0005",
        50,
        LeadStatus.CONTACTED,
        {
            "preferred_name": "Casey",
            "first_message": "I'd like to know what a first visit looks like.",
        },
    ),
    (
        InquiryFactory,
        "DEMO-0006",
        24 * 9,
        LeadStatus.CLOSED,
        {
            "preferred_name": "Avery",
            "message": "Thank you for calling back. We found a time that works.",
        },
    ),
    (
        InquiryFactory,
        "DEMO-0007",
        3,
        LeadStatus.NEW,
        {
            "preferred_name": "Best Deals",
            "message": "Cheap followers for your website, visit now!!!",
            "is_spam": True,
            "spam_reason": "too_fast",
        },
    ),
]


def load(home, stdout):
    location = LocationPage.objects.descendant_of(home).first()
    intake = ensure_intake_user()
    if intake is None:
        stdout.write(
            f"   - a user called '{INTAKE_USERNAME}' exists and is not the demo's: "
            "left untouched, demo leads left unassigned"
        )
    created = 0
    for factory, reference, hours, status, fields in DEMO_LEADS:
        if Lead.objects.filter(reference=reference).exists():
            continue
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
    saved = stored_password()
    if saved is None or not user.check_password(saved):
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save(update_fields=["password"])
        intake_login_file().parent.mkdir(parents=True, exist_ok=True)
        intake_login_file().write_text(f"{INTAKE_USERNAME} {password}\n")
        os.chmod(intake_login_file(), stat.S_IRUSR | stat.S_IWUSR)
    user.groups.add(get_lead_reviewers_group())
    return user


def stored_password() -> str | None:
    if not intake_login_file().exists():
        return None
    username, password = intake_login_file().read_text().split()[:2]
    return password if username == INTAKE_USERNAME else None


def login_line() -> str | None:
    """ "user 'intake' password '…'", or None when the password is not on disk or
    `intake` is not the demo's user."""
    demo_user = get_user_model().objects.filter(
        username=INTAKE_USERNAME, email=INTAKE_EMAIL
    )
    if not intake_login_file().exists() or not demo_user.exists():
        return None
    username, password = intake_login_file().read_text().split()[:2]
    return f"user '{username}' password '{password}'"
