"""Spam defences that need no third party: honeypot, signed fill time, rate limit."""

import hashlib
import hmac
import time
import uuid
from datetime import timedelta
from enum import Enum

from django.conf import settings
from django.core import signing
from django.utils import timezone

from lantana.core.client_address import get_client_network

from .models import Lead, LeadRateLimitLock

STAMP_SALT = "contact.form-stamp"


class StampState(Enum):
    OK = "ok"
    TOO_FAST = "too_fast"
    EXPIRED = "expired"
    INVALID = "invalid"


def new_submission_id() -> str:
    return str(uuid.uuid4())


def make_stamp(
    submission_id: str, now: float | None = None, *, filled: bool = False
) -> str:
    """A signed note of when this form (with this submission id) was rendered.

    It is always dated when it is made, never earlier. `filled` says that this
    submission already came back once with a valid stamp at least
    LEAD_MIN_FILL_SECONDS old (a person fixing one field, or resending a form left
    open too long), so its next post need not wait again.
    """
    issued = int(now if now is not None else time.time())
    data = {"s": submission_id, "t": issued}
    if filled:
        data["f"] = 1
    return signing.dumps(data, salt=STAMP_SALT)


def read_stamp(stamp: str, submission_id: str) -> dict | None:
    try:
        data = signing.loads(stamp, salt=STAMP_SALT)
        data["t"] = int(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if not submission_id or data.get("s") != submission_id:
        return None
    return data


def check_stamp(stamp: str, submission_id: str, now: float | None = None) -> StampState:
    data = read_stamp(stamp, submission_id)
    if data is None:
        return StampState.INVALID
    age = (now if now is not None else time.time()) - data["t"]
    if age > settings.LEAD_FORM_MAX_AGE:
        return StampState.EXPIRED
    if age < settings.LEAD_MIN_FILL_SECONDS and not data.get("f"):
        return StampState.TOO_FAST
    return StampState.OK


def restamp(stamp: str, submission_id: str) -> str:
    """The stamp for a re-rendered form: dated now, and `filled` only when the
    posted stamp proves the form was already filled at human speed."""
    state = check_stamp(stamp, submission_id)
    return make_stamp(
        submission_id, filled=state in (StampState.OK, StampState.EXPIRED)
    )


def client_key(request) -> str:
    """A keyed hash of the client's address: enough to count posts, not to find anyone."""
    address = get_client_network(request)
    key = hashlib.sha256(f"contact.client:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:32]


class RateLimited(Exception):
    """This client already sent LEAD_RATE_LIMIT leads of this standing in the window."""


def enforce_rate_limit(key: str, quarantined: bool) -> None:
    """Raise RateLimited when `key` may send no more leads now. Call it inside the
    transaction that stores the lead.

    Genuine leads count only genuine leads, so a bot's quarantined posts never shut
    a real visitor out; quarantined posts count only quarantined ones, which bounds
    what a bot can store. The client's lock row is written first: on PostgreSQL the
    UPDATE holds its row lock until commit, and SQLite lets one writer at a time in,
    so the count and the insert that follows cannot interleave with another post
    from the same client.
    """
    limit = settings.LEAD_RATE_LIMIT
    if not limit or not key:
        return
    now = timezone.now()
    LeadRateLimitLock.objects.bulk_create(
        [LeadRateLimitLock(client_key=key, locked_at=now)], ignore_conflicts=True
    )
    LeadRateLimitLock.objects.filter(client_key=key).update(locked_at=now)
    since = now - timedelta(seconds=settings.LEAD_RATE_LIMIT_WINDOW)
    recent = Lead.objects.filter(
        client_key=key, received_at__gte=since, is_spam=quarantined
    )
    if recent.count() >= limit:
        raise RateLimited
