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

STAMP_SALT = "contact.form-stamp"


class StampState(Enum):
    OK = "ok"
    TOO_FAST = "too_fast"
    EXPIRED = "expired"
    INVALID = "invalid"


def new_submission_id() -> str:
    return str(uuid.uuid4())


def make_stamp(submission_id: str, now: float | None = None) -> str:
    """A signed note of when this form (with this submission id) was rendered."""
    issued = int(now if now is not None else time.time())
    return signing.dumps({"s": submission_id, "t": issued}, salt=STAMP_SALT)


def check_stamp(stamp: str, submission_id: str, now: float | None = None) -> StampState:
    try:
        data = signing.loads(stamp, salt=STAMP_SALT)
        issued = int(data["t"])
        stamped_id = data["s"]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return StampState.INVALID
    if not submission_id or stamped_id != submission_id:
        return StampState.INVALID
    age = (now if now is not None else time.time()) - issued
    if age > settings.LEAD_FORM_MAX_AGE:
        return StampState.EXPIRED
    if age < settings.LEAD_MIN_FILL_SECONDS:
        return StampState.TOO_FAST
    return StampState.OK


def client_key(request) -> str:
    """A keyed hash of the client's address: enough to count posts, not to find anyone."""
    address = get_client_network(request)
    key = hashlib.sha256(f"contact.client:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:32]


def is_rate_limited(key: str) -> bool:
    """True when this client already sent LEAD_RATE_LIMIT leads in the window.

    Counted from recent rows in PostgreSQL (spam included), so it holds across
    processes and machines without Redis.
    """
    from .models import ChatRequest, Inquiry

    limit = settings.LEAD_RATE_LIMIT
    if not limit:
        return False
    since = timezone.now() - timedelta(seconds=settings.LEAD_RATE_LIMIT_WINDOW)
    count = 0
    for model in (Inquiry, ChatRequest):
        count += model.objects.filter(client_key=key, received_at__gte=since).count()
        if count >= limit:
            return True
    return False
