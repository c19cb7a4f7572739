"""Set-up links: no account sets up a second step on the strength of a password.

An administrator issues a link for one account (after resetting its devices, or for
new staff); it works once, for that account, until it expires. Opening it while
signed in with the password grants this session the right to enrol; enrolling uses
the grant up. Every issue, use and refusal is in the audit log.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .models import EnrolmentLink

SALT = "access.enrolment-link"
GRANT_KEY = "access.enrolment_grant"


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def link_lifetime() -> timedelta:
    return timedelta(hours=settings.ACCESS_ENROLMENT_LINK_HOURS)


def issue_link(user, issued_by) -> str:
    """A new link's path (the only time its secret exists in clear)."""
    secret = secrets.token_urlsafe(32)
    now = timezone.now()
    link = EnrolmentLink.objects.create(
        user=user,
        issued_by=issued_by,
        secret_hash=hash_secret(secret),
        issued_at=now,
        expires_at=now + link_lifetime(),
    )
    token = signing.dumps({"l": link.pk, "s": secret}, salt=SALT, compress=True)
    return reverse("access_enrolment_link", args=[token])


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@dataclass
class Redeemed:
    link: EnrolmentLink | None
    refusal: str = ""  # "", "invalid", "expired", "used", "other_account", "enrolled"


REFUSALS = {
    "invalid": "This set-up link is not valid. Check that it was copied whole, or "
    "ask an administrator for a new one.",
    "expired": "This set-up link has expired. Ask an administrator for a new one.",
    "used": "This set-up link has already been used, and each works only once. If "
    "you did not use it, tell an administrator now: someone else may have.",
    "other_account": "This set-up link was issued for another account. Sign out and "
    "sign in as the person it was issued for, or ask an administrator.",
    "enrolled": "This account already has two-step sign-in set up. Ask an "
    "administrator to reset it first if you need to set it up again.",
}


def redeem(token: str, user, has_device: bool) -> Redeemed:
    """Check a link for `user` and use it up; the link row is locked meanwhile, so
    two tabs opening one link cannot both succeed."""
    try:
        data = signing.loads(token, salt=SALT, max_age=link_lifetime())
    except signing.SignatureExpired:
        return Redeemed(None, "expired")
    except signing.BadSignature:
        return Redeemed(None, "invalid")
    if not isinstance(data, dict) or not isinstance(data.get("s"), str):
        return Redeemed(None, "invalid")
    with transaction.atomic():
        link = (
            EnrolmentLink.objects.select_for_update().filter(pk=data.get("l")).first()
        )
        if link is None or not hmac.compare_digest(
            link.secret_hash, hash_secret(data["s"])
        ):
            return Redeemed(None, "invalid")
        if link.used_at is not None:
            return Redeemed(link, "used")
        if link.expires_at <= timezone.now():
            return Redeemed(link, "expired")
        if link.user_id != user.pk:
            return Redeemed(link, "other_account")
        if has_device:
            return Redeemed(link, "enrolled")
        link.used_at = timezone.now()
        link.save(update_fields=["used_at"])
    return Redeemed(link)


def grant(session, link: EnrolmentLink) -> None:
    session[GRANT_KEY] = {"link": link.pk, "user": link.user_id}


def has_grant(session, user) -> bool:
    value = session.get(GRANT_KEY) or {}
    return value.get("user") == user.pk


def use_grant(session) -> int | None:
    """End the grant once a device is set up; the link's id, for the audit entry."""
    return (session.pop(GRANT_KEY, None) or {}).get("link")
