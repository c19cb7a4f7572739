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
  same entry as the bare URL.

Every cache call goes through `_safe`: an unreachable cache is a miss, never a 500.
"""

import hashlib
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from lantana.core.cache import OutageLog

logger = logging.getLogger("lantana.pagecache")
outage = OutageLog()

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


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def _safe(operation: str, default, *args):
    try:
        result = getattr(_cache(), operation)(*args)
    except Exception as error:  # any backend's outage: render instead
        outage.failed(operation, error)
        return default
    outage.succeeded()
    return result


def _hash(*parts) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:40]


def site_origin(request) -> str:
    return f"{request.scheme}://{request.get_host().lower()}"


def route_key(request) -> str:
    return f"{PREFIX}:route:{_hash(site_origin(request), request.path)}"


def page_generation_key(page_id) -> str:
    return f"{PREFIX}:gen:page:{page_id}"


def site_generation_key(site_id) -> str:
    return f"{PREFIX}:gen:site:{site_id}"


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

    def response_key(self, request, page_generation, site_generation) -> str:
        values = declared_values(request, self.params)
        digest = _hash(
            site_origin(request), request.path, page_generation, site_generation, values
        )
        return f"{PREFIX}:response:{digest}"


def route_for(page, site, request) -> Route:
    return Route(
        page_id=page.pk,
        site_id=site.pk,
        params=tuple(getattr(page, "cache_query_params", ())),
        bypass=tuple(getattr(page, "cache_bypass_params", ())),
    )


def get_generations(route: Route, create: bool = False) -> tuple[str, str] | None:
    """The page's and the site's current generation tokens (made when asked)."""
    keys = [page_generation_key(route.page_id), site_generation_key(route.site_id)]
    found = _safe("get_many", None, keys)
    if found is None:
        return None
    if create:
        for key in keys:
            if key not in found:
                token = uuid.uuid4().hex[:16]
                # add(): two processes racing agree on whichever token won.
                _safe("add", False, key, token, None)
                found[key] = _safe("get", None, key) or token
    if not all(key in found for key in keys):
        return None
    return found[keys[0]], found[keys[1]]


def fetch(request) -> HttpResponse | None:
    """The stored response for this anonymous GET, or None to render it."""
    stored_route = _safe("get", None, route_key(request))
    if not isinstance(stored_route, Route) or stored_route.bypassed_by(request):
        return None
    generations = get_generations(stored_route)
    if generations is None:
        return None
    stored = _safe("get", None, stored_route.response_key(request, *generations))
    if stored is None:
        return None
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    response.headers["X-Page-Cache"] = "hit"
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
    key = candidate.route.response_key(request, *candidate.generations)
    _safe(
        "set", None, key, (response.status_code, headers, response.content), seconds()
    )
    _safe("set", None, route_key(request), candidate.route, ROUTE_SECONDS)
    response.headers["X-Page-Cache"] = "miss"


def forget_pages(page_ids) -> None:
    """Orphan every stored variant of these pages."""
    keys = [page_generation_key(pk) for pk in set(page_ids)]
    if keys:
        _safe("delete_many", None, keys)


def forget_sites(site_ids) -> None:
    """Orphan every stored page of these sites."""
    keys = [site_generation_key(pk) for pk in set(site_ids)]
    if keys:
        _safe("delete_many", None, keys)
