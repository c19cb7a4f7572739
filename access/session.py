"""Staff session clock: idle and absolute limits kept in the session itself."""

from datetime import datetime

from django.conf import settings

STARTED_KEY = "access.started"
SEEN_KEY = "access.seen"
# Touch the session at most this often, so every admin click is not a write.
SEEN_RESOLUTION_SECONDS = 30


def start_session(session, now: datetime) -> None:
    session[STARTED_KEY] = now.timestamp()
    session[SEEN_KEY] = now.timestamp()


def session_expired(session, now: datetime) -> bool:
    now_ts = now.timestamp()
    started = session.get(STARTED_KEY)
    seen = session.get(SEEN_KEY, started)
    if started is None:
        # A session from before this clock existed: it starts now.
        start_session(session, now)
        return False
    return (
        now_ts - seen > settings.STAFF_SESSION_IDLE_SECONDS
        or now_ts - started > settings.STAFF_SESSION_MAX_SECONDS
    )


def session_deadline(session) -> float | None:
    """When this session ends if nobody acts (epoch seconds): the sooner of the
    idle and absolute limits. None for a session the clock has not started."""
    started = session.get(STARTED_KEY)
    if started is None:
        return None
    seen = session.get(SEEN_KEY, started)
    return min(
        seen + settings.STAFF_SESSION_IDLE_SECONDS,
        started + settings.STAFF_SESSION_MAX_SECONDS,
    )


def touch_session(session, now: datetime) -> None:
    if now.timestamp() - session.get(SEEN_KEY, 0) >= SEEN_RESOLUTION_SECONDS:
        session[SEEN_KEY] = now.timestamp()
