from importlib import import_module

from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
)
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from access.session import start_session
from contact.permissions import LEAD_REVIEWERS


class Command(BaseCommand):
    help = (
        "Sign an intake user (a lead reviewer, created if missing) in without a "
        "browser: a new session, second step verified, as after a real sign-in. "
        "Prints one session cookie (name=value) a line, for the live chat's smoke "
        "test and bench, which drive the staff socket. Whoever may run manage.py "
        "could do as much in its shell."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument(
            "--count",
            type=int,
            help="N users instead of one: USERNAME-0 … USERNAME-(N-1), their first "
            "names numbered the same way (Dana0, Dana1, …).",
        )

    def handle(self, *args, username, first_name, last_name, count, **options):
        if count is None:
            people = [(username, first_name)]
        else:
            people = [(f"{username}-{n}", f"{first_name}{n}") for n in range(count)]
        for name, first in people:
            user, _ = get_user_model().objects.get_or_create(
                username=name, defaults={"first_name": first, "last_name": last_name}
            )
            self.stdout.write(f"{settings.SESSION_COOKIE_NAME}={session_key(user)}")


def session_key(user) -> str:
    """A saved, verified session for `user`, now a lead reviewer with an app."""
    user.groups.add(Group.objects.get(name=LEAD_REVIEWERS))
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="Authenticator app", defaults={"confirmed": True}
    )
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    start_session(session, timezone.now())
    session.save()
    return session.session_key
