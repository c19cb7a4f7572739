"""Who may open the staff socket: the HTTP admin's rules, read from the session.

The socket has no request, so this repeats what the middleware stack does for
/admin/: the signed-in user (django.contrib.auth), the verified second step
(django-otp's session key, bound to a confirmed device of that user), the staff
session's idle and absolute limits (access/session.py), and the lead permission.
"""

from dataclasses import dataclass
from importlib import import_module
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth import get_user
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device

from access.session import session_deadline, session_expired, touch_session

from .services import can_take_chats


def load_session(session_key: str | None):
    if not session_key:
        return None
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    # A key with no row behind it (signed out, expired, flushed) has no data.
    return store if store.exists(session_key) else None


def verified_device(session, user):
    persistent_id = session.get(DEVICE_ID_SESSION_KEY)
    if not persistent_id:
        return None
    if persistent_id.count(".") > 1:  # as django-otp's middleware normalises it
        parts = persistent_id.split(".")
        persistent_id = ".".join((parts[-3], parts[-1]))
    device = Device.from_persistent_id(persistent_id)
    if device is None or device.user_id != user.pk or not device.confirmed:
        return None
    return device


@dataclass(frozen=True)
class StaffAccess:
    user: object
    until: float  # epoch seconds: the session ends then unless someone acts


def authorize_staff(session_key: str | None, touch: bool = False):
    """The user behind this session if they may take chats now, else None.
    `touch` counts this as activity for the idle limit (a person acted)."""
    access = staff_access(session_key, touch)
    return access.user if access is not None else None


def staff_access(session_key: str | None, touch: bool = False) -> StaffAccess | None:
    """authorize_staff, with the moment this session's access ends by itself."""
    session = load_session(session_key)
    if session is None:
        return None
    user = get_user(SimpleNamespace(session=session))
    if not user.is_authenticated or verified_device(session, user) is None:
        return None
    now = timezone.now()
    if session_expired(session, now):
        return None
    if touch:
        touch_session(session, now)
        if session.modified:
            session.save()
    if not can_take_chats(user):
        return None
    return StaffAccess(user, session_deadline(session) or now.timestamp())
