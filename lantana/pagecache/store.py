"""Whole anonymous page responses in Django's cache, and their invalidation.

Three kinds of entry, all in the PAGE_CACHE_ALIAS cache:

- per request path: which page answered it, the query parameters that page
  declares (`cache_query_params`) and those that must never be answered from the
  cache (`cache_bypass_params`), learnt the first time the page is rendered;
- per page and per site: a random generation token. Purging deletes the token,
  so every stored variant of that page (or, for a site, every page) is orphaned at
  once and expires on its own;
- per response: status, headers and body, keyed by site, path, both generations
  and the values of the declared parameters only, so `?x=<random>` maps to the
  same entry as the bare URL;
- per response again, as it finally left Django (every middleware's headers
  added), for the WSGI handler to answer before Django runs at all (handler.py).

Every cache call goes through `_safe`: an unreachable cache is a miss, never a 500.
"""

import hashlib
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from lantana.core.cache import SafeCache
from lantana.core.generations import Generations

from .local import local_answers

logger = logging.getLogger("lantana.pagecache")

PREFIX = "pagecache"
# How long a path's routing note lives; the response itself lives PAGE_CACHE_SECONDS.
ROUTE_SECONDS = 60 * 60 * 24
MAX_PARAM_LENGTH = 200
# Cache-Control values that mean "not for anyone else".
PRIVATE_DIRECTIVES = ("private", "no-store", "no-cache")
# Vary headers whose variants the page cache may ignore: Cookie only matters when
# a session or token is used, and those responses are never stored.
HARMLESS_VARY = {"cookie", "accept-encoding"}


def seconds() -> int:
    return max(0, getattr(settings, "PAGE_CACHE_SECONDS", 0))


def enabled() -> bool:
    return seconds() > 0


def _alias() -> str:
    return getattr(settings, "PAGE_CACHE_ALIAS", "default")


_safe = SafeCache(_alias)  # an unreachable cache: render instead


def _hash(*parts) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:40]


def site_origin(request) -> str:
    return f"{request.scheme}://{request.get_host().lower()}"


def route_key(request) -> str:
    return f"{PREFIX}:route:{_hash(site_origin(request), request.path)}"


generations = Generations(PREFIX, _safe)


def forget_pages(page_ids) -> None:
    """Orphan every stored variant of these pages."""
    generations.forget_pages(page_ids)
    _forget_locally([generations.page_key(pk) for pk in page_ids])


def forget_sites(site_ids) -> None:
    """Orphan every stored page of these sites."""
    generations.forget_sites(site_ids)
    _forget_locally([generations.site_key(pk) for pk in site_ids])


def _forget_locally(keys) -> None:
    local = local_answers()
    if local is not None and keys:
        local.forget_tokens(keys)


def declared_values(request, params) -> tuple:
    # QueryDict.get() returns the last value, as the page's own code sees it.
    return tuple(
        (name, request.GET.get(name, "")[:MAX_PARAM_LENGTH]) for name in params
    )


@dataclass(frozen=True)
class Route:
    """What the first rendering of a path taught us about it."""

    page_id: int
    site_id: int
    params: tuple[str, ...]
    bypass: tuple[str, ...]

    def bypassed_by(self, request) -> bool:
        return any(name in request.GET for name in self.bypass)

    def response_key(self, request, tokens) -> str:
        values = declared_values(request, self.params)
        digest = _hash(site_origin(request), request.path, *tokens, values)
        return f"{PREFIX}:response:{digest}"

    def final_key(self, request) -> str:
        # No tokens in this key: the entry carries the tokens it was drawn under.
        values = declared_values(request, self.params)
        return f"{PREFIX}:final:{_hash(site_origin(request), request.path, values)}"


def route_for(page, site, request) -> Route:
    return Route(
        page_id=page.pk,
        site_id=site.pk,
        params=tuple(getattr(page, "cache_query_params", ())),
        bypass=tuple(getattr(page, "cache_bypass_params", ())),
    )


def get_generations(route: Route, create: bool = False) -> tuple[str, str] | None:
    """The page's and the site's current generation tokens (made when asked)."""
    return generations.read(route.page_id, route.site_id, create)


def fetch(request) -> HttpResponse | None:
    """The stored response for this anonymous GET, or None to render it."""
    stored_route = _safe("get", None, route_key(request))
    if not isinstance(stored_route, Route) or stored_route.bypassed_by(request):
        return None
    tokens = get_generations(stored_route)
    if tokens is None:
        return None
    stored = _safe("get", None, stored_route.response_key(request, tokens))
    if stored is None:
        return None
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    response.headers["X-Page-Cache"] = "hit"
    # Under the WSGI handler, a hit found here is kept in its final form too.
    request.page_cache_final = (stored_route.final_key(request), tokens)
    return response


@dataclass
class Candidate:
    """A page being rendered for an anonymous GET, to be stored if it qualifies."""

    route: Route
    generations: tuple[str, str]


def candidate_for(page, site, request) -> Candidate | None:
    route = route_for(page, site, request)
    if route.bypassed_by(request):
        return None
    # Read before rendering: a purge during the render changes the token, so what
    # this request stores is never found again.
    generations = get_generations(route, create=True)
    if generations is None:
        return None
    return Candidate(route, generations)


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
    patch_cache_control(response, public=True, max_age=0, s_maxage=seconds())


def mark_private(response) -> None:
    if "Cache-Control" not in response.headers:
        patch_cache_control(response, private=True, no_cache=True)


def store(request, response, candidate: Candidate) -> None:
    mark_public(response)
    headers = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in {"set-cookie", "x-page-cache"}
    ]
    key = candidate.route.response_key(request, candidate.generations)
    _safe(
        "set", None, key, (response.status_code, headers, response.content), seconds()
    )
    _safe("set", None, route_key(request), candidate.route, ROUTE_SECONDS)
    response.headers["X-Page-Cache"] = "miss"
    # The WSGI handler keeps the final form of this answer too (store_final).
    request.page_cache_final = (
        candidate.route.final_key(request),
        candidate.generations,
    )


# Final answers, for the WSGI handler (handler.py). One entry per site, path and
# declared parameters, holding the generation tokens it was drawn under: a hit is
# one cache round trip (the entry and both current tokens), since each process
# remembers the routes it has read, or none when the process kept it (local.py).
MAX_REMEMBERED_ROUTES = 10_000
_routes: dict[str, Route] = {}


def store_final(request, response) -> None:
    """Keep an answer stored above as it leaves Django, every header included.

    Called by the WSGI handler after the whole middleware chain; refused if an
    outer middleware made the answer personal after all (a cookie).
    """
    pending = getattr(request, "page_cache_final", None)
    if pending is None or response.cookies or response.status_code != 200:
        return
    key, tokens = pending
    headers = [
        (name, "hit" if name.lower() == "x-page-cache" else value)
        for name, value in response.items()
    ]
    status = f"{response.status_code} {response.reason_phrase}"
    expires = time.time() + seconds()
    answer = (tokens, expires, status, headers, response.content)
    _safe("set", None, key, answer, seconds())


def lookup_final(request):
    """The final answer (status line, headers, body) for this GET, or None."""
    key = route_key(request)
    route = _routes.get(key)
    if route is None:
        route = _safe("get", None, key)
        if not isinstance(route, Route):
            return None
        if len(_routes) >= MAX_REMEMBERED_ROUTES:
            _routes.clear()
        _routes[key] = route
    if route.bypassed_by(request):
        return None
    answer_key = route.final_key(request)
    token_keys = [
        generations.page_key(route.page_id),
        generations.site_key(route.site_id),
    ]
    local = local_answers()
    epoch = None
    if local is not None:
        answer, epoch = local.get(answer_key, token_keys)
        if answer is not None:
            return answer
    found = _safe("get_many", None, [*token_keys, answer_key]) or {}
    stored = found.get(answer_key)
    current = tuple(found.get(name) for name in token_keys)
    if stored is None or stored[0] != current:
        # Purged, expired, or the path now shows another page: read the route
        # again next time.
        _routes.pop(key, None)
        return None
    tokens, expires, *answer = stored
    if local is not None:
        local.keep(epoch, answer_key, token_keys, tokens, expires, answer)
    return answer
