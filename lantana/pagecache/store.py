"""Whole anonymous page responses in Django's cache, keyed on the site's generation.

Every entry's key holds the site-wide cache generation (lantana/core/generation.py)
and the date, both read before the page was drawn (`stamp()`); one bump on any
change retires them all at once, as midnight does, and they expire on their own.
Three kinds of entry, all in the PAGE_CACHE_ALIAS cache:

- per request path: the query parameters its page declares (`cache_query_params`)
  and those that must never be answered from the cache (`cache_bypass_params`),
  learnt the first time the page is drawn;
- per response: status, headers and body, keyed by site, path, generation and the
  values of the declared parameters only, so `?x=<random>` maps to the same entry
  as the bare URL;
- per response again, as it finally left Django (every middleware's headers
  added), for the WSGI handler to answer before Django runs at all (handler.py).

Pages under any view restriction (login, groups, a password) are never stored.
Every cache call goes through `_safe`: an unreachable cache is a miss, never a 500.
"""

import datetime
import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from lantana.core import generation
from lantana.core.cache import SafeCache

from .local import local_answers

PREFIX = "pagecache"
MAX_PARAM_LENGTH = 200
# Cache-Control values that mean "not for anyone else".
PRIVATE_DIRECTIVES = ("private", "no-store", "no-cache")
# Vary headers whose variants the page cache may ignore: Cookie only matters when
# a session or token is used, and those responses are never stored.
HARMLESS_VARY = {"cookie", "accept-encoding"}


def seconds() -> int:
    return max(0, getattr(settings, "PAGE_CACHE_SECONDS", 0))


def front_seconds() -> int:
    """How long a shared cache in front (nginx, a CDN) may keep a page."""
    return max(0, getattr(settings, "FRONT_CACHE_SECONDS", 1))


def stale_seconds() -> int:
    """How long past that a front cache may answer with a page while the app is
    unreachable (stale-if-error)."""
    return max(0, getattr(settings, "FRONT_CACHE_STALE_SECONDS", 0))


def enabled() -> bool:
    return seconds() > 0


def _alias() -> str:
    return getattr(settings, "PAGE_CACHE_ALIAS", "default")


_safe = SafeCache(_alias)  # an unreachable cache: render instead


def _hash(*parts) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:40]


def site_origin(request) -> str:
    """scheme://host, validated against ALLOWED_HOSTS (DisallowedHost if not).

    Read for every key of a request, so worked out once and kept on it.
    """
    origin = request.__dict__.get("page_cache_origin")
    if origin is None:
        origin = f"{request.scheme}://{request.get_host().lower()}"
        request.page_cache_origin = origin
    return origin


def stamp() -> tuple[int, str] | None:
    """What every entry is keyed on: the site-wide generation and today's date (the
    site's time zone); None: use no cache now.

    The date, because what is in force changes at midnight without anyone saving
    anything (a notice version dated today: notices/current.py; review dates in
    the kept parts), so nothing drawn before midnight is found after it, in any
    layer. Read once before drawing, like the generation.
    """
    gen = generation.current()
    if gen is None:
        return None
    return gen, _today.read()


class Today:
    """Today's date in the site's time zone, read on every hit: worked out again
    only when the clock leaves the day it was worked out for. The day and its
    date are one value, so a thread never reads one day's bounds with another's
    date."""

    def __init__(self):
        self.reset()

    def reset(self) -> None:
        self.day = (0.0, 0.0, "")  # its start and end (epoch seconds), its date

    def read(self) -> str:
        start, end, value = self.day
        now = time.time()
        if not start <= now < end:
            today = timezone.localdate()
            zone = timezone.get_current_timezone()
            start = datetime.datetime.combine(today, datetime.time(), zone)
            end = datetime.datetime.combine(
                today + datetime.timedelta(days=1), datetime.time(), zone
            )
            value = today.isoformat()
            self.day = (start.timestamp(), end.timestamp(), value)
        return value


_today = Today()


@receiver(setting_changed)
def _time_zone_changed(setting, **kwargs):
    if setting in {"TIME_ZONE", "USE_TZ"}:
        _today.reset()


def route_key(request, gen: tuple) -> str:
    return f"{PREFIX}:route:{_hash(site_origin(request), request.path, gen)}"


def declared_values(request, params) -> tuple:
    # QueryDict.get() returns the last value, as the page's own code sees it.
    return tuple(
        (name, request.GET.get(name, "")[:MAX_PARAM_LENGTH]) for name in params
    )


@dataclass(frozen=True)
class Route:
    """What the first drawing of a path under this generation taught us about it."""

    params: tuple[str, ...]
    bypass: tuple[str, ...]

    def bypassed_by(self, request) -> bool:
        return any(name in request.GET for name in self.bypass)

    def response_key(self, request, gen: tuple) -> str:
        values = declared_values(request, self.params)
        digest = _hash(site_origin(request), request.path, gen, values)
        return f"{PREFIX}:response:{digest}"

    def final_key(self, request, gen: tuple) -> str:
        values = declared_values(request, self.params)
        digest = _hash(site_origin(request), request.path, gen, values)
        return f"{PREFIX}:final:{digest}"


def route_for(page) -> Route:
    return Route(
        params=tuple(getattr(page, "cache_query_params", ())),
        bypass=tuple(getattr(page, "cache_bypass_params", ())),
    )


def fetch(request) -> HttpResponse | None:
    """The stored response for this anonymous GET, or None to render it."""
    gen = stamp()
    if gen is None:
        return None
    route = _safe("get", None, route_key(request, gen))
    if not isinstance(route, Route) or route.bypassed_by(request):
        return None
    stored = _safe("get", None, route.response_key(request, gen))
    if stored is None:
        return None
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    response.headers["X-Page-Cache"] = "hit"
    # Under the WSGI handler, a hit found here is kept in its final form too.
    request.page_cache_final = (route.final_key(request, gen), gen)
    return response


@dataclass
class Candidate:
    """A page being drawn for an anonymous GET, to be stored if it qualifies."""

    route: Route
    generation: tuple[int, str]  # stamp(): the generation and the day


def candidate_for(page, request) -> Candidate | None:
    route = route_for(page)
    if route.bypassed_by(request):
        return None
    # Read before drawing: a change during the drawing bumps the generation, so
    # what this request stores is never found again.
    gen = stamp()
    if gen is None:
        return None
    return Candidate(route, gen)


def is_storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # a per-visitor cookie or CSRF token is in play
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False  # a session begun by this page: its cookie comes later
    control = response.headers.get("Cache-Control", "").lower()
    if any(directive in control for directive in PRIVATE_DIRECTIVES):
        return False
    vary = {
        part.strip().lower()
        for part in response.headers.get("Vary", "").split(",")
        if part.strip()
    }
    return vary <= HARMLESS_VARY and not getattr(request, "is_preview", False)


def mark_public(response) -> None:
    # Browsers revalidate; a front cache keeps it FRONT_CACHE_SECONDS at most, so
    # it never needs purging and never outlives the app's own answer for long.
    extra = {"stale_if_error": stale_seconds()} if stale_seconds() else {}
    patch_cache_control(
        response, public=True, max_age=0, s_maxage=front_seconds(), **extra
    )


def mark_private(response) -> None:
    if "Cache-Control" not in response.headers:
        patch_cache_control(response, private=True, no_cache=True)


def mark_restricted(response) -> None:
    """A page under a view restriction: no cache anywhere, whatever it answered."""
    del response.headers["Cache-Control"]
    patch_cache_control(response, private=True, no_store=True)


def store(request, response, candidate: Candidate) -> None:
    mark_public(response)
    headers = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in {"set-cookie", "x-page-cache"}
    ]
    gen = candidate.generation
    key = candidate.route.response_key(request, gen)
    _safe(
        "set", None, key, (response.status_code, headers, response.content), seconds()
    )
    _safe("set", None, route_key(request, gen), candidate.route, seconds())
    response.headers["X-Page-Cache"] = "miss"
    # The WSGI handler keeps the final form of this answer too (store_final).
    request.page_cache_final = (candidate.route.final_key(request, gen), gen)


# Final answers, for the WSGI handler (handler.py): one entry per site, path,
# generation and declared parameters. A hit costs one cache round trip, or none
# when this process kept the answer and trusts the generation (local.py and
# lantana/core/generation.py).
MAX_REMEMBERED_ROUTES = 10_000
_routes: dict[tuple, Route] = {}


def store_final(request, response) -> None:
    """Keep an answer stored above as it leaves Django, every header included.

    Called by the WSGI handler after the whole middleware chain; refused if an
    outer middleware made the answer personal after all (a cookie).
    """
    pending = getattr(request, "page_cache_final", None)
    if pending is None or response.cookies or response.status_code != 200:
        return
    key, _gen = pending
    headers = [
        (name, "hit" if name.lower() == "x-page-cache" else value)
        for name, value in response.items()
    ]
    status = f"{response.status_code} {response.reason_phrase}"
    answer = (time.time() + seconds(), status, headers, response.content)
    _safe("set", None, key, answer, seconds())


def lookup_final(request):
    """The final answer (status line, headers, body) for this GET, or None.

    This process finds its routes and kept answers under the request's own parts
    (site, path, generation, declared values); they are hashed into cache keys
    only for a trip to the cache.
    """
    gen = stamp()
    if gen is None:
        return None
    where = (site_origin(request), request.path, gen)
    route = _routes.get(where)
    if route is None:
        route = _safe("get", None, route_key(request, gen))
        if not isinstance(route, Route):
            return None
        if len(_routes) >= MAX_REMEMBERED_ROUTES:
            _routes.clear()
        _routes[where] = route
    if route.bypassed_by(request):
        return None
    kept_as = (*where, declared_values(request, route.params))
    local = local_answers()
    if local is not None:
        answer = local.get(kept_as, gen)
        if answer is not None:
            return answer
    stored = _safe("get", None, route.final_key(request, gen))
    if stored is None:
        return None
    expires, *answer = stored
    if local is not None:
        local.keep(kept_as, gen, expires, answer)
    return answer
