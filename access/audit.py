"""Sign-in events in Wagtail's audit log (Reports → Site history).

Each entry names the account and the time; never a password or a code. A failed
attempt for a username that has no account is counted by the lockout but not
written here, so the log never keeps mistyped passwords typed into the username box.
"""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.dispatch import receiver
from django.utils import timezone
from wagtail.log_actions import log

from .session import start_session

SIGN_IN = "access.sign_in"
SIGN_OUT = "access.sign_out"
SIGN_IN_FAILED = "access.sign_in_failed"
LOCKED_OUT = "access.locked_out"
ENROLLED = "access.enrolled"
DEVICES_RESET = "access.devices_reset"
LINK_ISSUED = "access.enrolment_link_issued"
LINK_USED = "access.enrolment_link_used"
LINK_REFUSED = "access.enrolment_link_refused"
PASSKEY_ADDED = "access.passkey_added"
PASSKEY_REFUSED = "access.passkey_refused"

ACTIONS = [
    (SIGN_IN, "Sign in", "Signed in (password and second step)"),
    (SIGN_OUT, "Sign out", "Signed out"),
    (SIGN_IN_FAILED, "Failed sign-in", "Failed sign-in (wrong password or code)"),
    (LOCKED_OUT, "Locked out", "Locked out after repeated failed sign-ins"),
    (ENROLLED, "Two-step sign-in set up", "Set up two-step sign-in"),
    (DEVICES_RESET, "Two-step sign-in reset", "Two-step sign-in reset"),
    (LINK_ISSUED, "Set-up link issued", "Issued a two-step set-up link"),
    (LINK_USED, "Set-up link used", "Opened a two-step set-up link"),
    (LINK_REFUSED, "Set-up link refused", "A two-step set-up link was refused"),
    (PASSKEY_ADDED, "Passkey added", "Added a passkey"),
    (PASSKEY_REFUSED, "Passkey refused", "A passkey was refused"),
]


def register_actions(actions) -> None:
    for action, label, message in ACTIONS:
        actions.register_action(action, label, message)


def find_user(username):
    if not username:
        return None
    User = get_user_model()
    return User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()


def concrete(user):
    """request.user is a lazy wrapper (django-otp's); Wagtail logs real instances."""
    return get_user_model()._default_manager.get(pk=user.pk)


def log_sign_in(user) -> None:
    user = concrete(user)
    log(instance=user, action=SIGN_IN, user=user)


def log_enrolment(user) -> None:
    user = concrete(user)
    log(instance=user, action=ENROLLED, user=user)


def log_device_reset(member, by) -> None:
    log(instance=member, action=DEVICES_RESET, user=concrete(by))


def log_link_issued(member, by) -> None:
    log(instance=member, action=LINK_ISSUED, user=concrete(by) if by else None)


def log_link_used(member) -> None:
    member = concrete(member)
    log(instance=member, action=LINK_USED, user=member)


def log_link_refused(member, reason: str, link_id: int | None) -> None:
    """On the account that opened the link; the reason and the link's number only."""
    member = concrete(member)
    log(
        instance=member,
        action=LINK_REFUSED,
        user=member,
        data={"reason": reason, "link": link_id},
    )


def log_passkey_added(member) -> None:
    member = concrete(member)
    log(instance=member, action=PASSKEY_ADDED, user=member)


def log_passkey_refused(member, code: str) -> None:
    member = concrete(member)
    log(instance=member, action=PASSKEY_REFUSED, user=member, data={"code": code})


@receiver(user_logged_in, dispatch_uid="access.session_start")
def on_logged_in(sender, request, user, **kwargs):
    # The audit entry waits for the second step (log_sign_in); a password alone is
    # not a sign-in. The session clock starts now.
    if request is not None and hasattr(request, "session"):
        start_session(request.session, timezone.now())


@receiver(user_logged_out, dispatch_uid="access.audit_sign_out")
def on_logged_out(sender, request, user, **kwargs):
    if user is not None:
        user = concrete(user)
        log(instance=user, action=SIGN_OUT, user=user)


@receiver(user_login_failed, dispatch_uid="access.audit_failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    user = find_user(credentials.get(get_user_model().USERNAME_FIELD))
    if user is not None:
        log(instance=user, action=SIGN_IN_FAILED, user=None)


@receiver(user_locked_out, dispatch_uid="access.audit_locked_out")
def on_locked_out(sender, request, username, ip_address, **kwargs):
    user = find_user(username)
    if user is not None:
        log(instance=user, action=LOCKED_OUT, user=None)
