"""What every page shows (clinic details, the main menu, the languages), read once
per change.

Kept in Django's cache per site under the site-wide cache generation
(lantana/core/generation.py), like every other cached thing: any change bumps it
and these are read afresh. The sites themselves (which one answers a host) too.
When the generation cannot be trusted (a purge not yet in Redis, an outage),
nothing is read from or written to the cache here.
"""

from collections.abc import Callable

from django.core.cache import cache
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.models import Locale, Site

from . import generation

# Longer than any page lives; a change retires them sooner (a new generation).
CHROME_SECONDS = 60 * 60 * 24


# The site settings that keep themselves here (SiteSettings.for_site), by label.
CACHED_SETTINGS = ("core.sitesettings",)


def _generation() -> int | None:
    # No database check: pages that use these keep a fixed number of queries.
    return generation.current(check_database=False)


def setting_key(label: str, site_id) -> str | None:
    """The key of a site setting (by its model's `_meta.label_lower`) for a site."""
    gen = _generation()
    return None if gen is None else f"sitechrome:setting:{label}:{site_id}:{gen}"


def menu_key(site_id, language: str) -> str | None:
    """The menu as one language shows it (its pages' titles and URLs differ)."""
    gen = _generation()
    return None if gen is None else f"sitechrome:menu:{site_id}:{language}:{gen}"


def wording_key(language: str) -> str | None:
    """SiteWording in one language (lantana/core/models.py)."""
    gen = _generation()
    return None if gen is None else f"sitechrome:wording:{language}:{gen}"


def remember(name: str, compute: Callable):
    """compute()'s value, kept under `name` until the generation moves.

    Computed afresh (and not kept) while the generation cannot be trusted or the
    cache fails. Rows are read after the generation, so a value that raced a
    change is kept under the old generation and never found again.
    """
    gen = _generation()
    if gen is None:
        return compute()
    key = f"sitechrome:{name}:{gen}"
    try:
        found = cache.get(key)
    except Exception:  # noqa: BLE001 — any backend's outage: read the rows
        return compute()
    if found is not None:
        return found[0]
    value = compute()
    try:
        cache.set(key, (value,), CHROME_SECONDS)
    except Exception:  # noqa: BLE001, S110 — as above; the value is still right
        pass
    return value


def locales() -> list[Locale]:
    """Every locale, kept until the next change (a saved locale bumps it too)."""
    return remember("locales", lambda: list(Locale.objects.all()))


def active_locale() -> Locale:
    """Wagtail's Locale.get_active() (a query each time), from the kept locales."""
    language = translation.get_language()
    for locale in locales():
        if locale.language_code == language:
            return locale
    return Locale.get_active()


def language_of(page) -> str:
    """The language code of the page's locale (`page.locale`: a query each time)."""
    for locale in locales():
        if locale.pk == page.locale_id:
            return locale.language_code
    return page.locale.language_code


SITES_KEY = "sitechrome:sites"
# Wagtail's order of preference (wagtail.models.sites.get_site_for_hostname).
HOSTNAME_PORT, HOSTNAME_DEFAULT, DEFAULT, HOSTNAME = range(4)


class SiteMiddleware:
    """Finds the request's Wagtail site without a query on GETs.

    Wagtail reads the site every request (one query); the sites rarely change, so
    they are kept in the cache and the match is made here, the way Wagtail makes
    it, and left where Site.find_for_request looks first (`request._wagtail_site`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            sites = get_sites()
            if sites is not None:
                request._wagtail_site = match_site(sites, request)
        return self.get_response(request)


def get_sites() -> list | None:
    gen = _generation()
    if gen is None:
        return None
    key = f"{SITES_KEY}:{gen}"
    try:
        sites = cache.get(key)
        if sites is None:
            sites = list(Site.objects.select_related("root_page"))
            cache.set(key, sites, CHROME_SECONDS)
    except Exception:  # noqa: BLE001 — any backend's outage: Wagtail's own lookup
        return None
    return sites


def match_site(sites, request) -> Site | None:
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    ranked = sorted(
        (
            (rank, site)
            for site in sites
            if (rank := _rank(site, hostname, port)) is not None
        ),
        key=lambda pair: pair[0],
    )
    if not ranked:
        return None
    if len(ranked) == 1 or ranked[0][0] in (HOSTNAME_PORT, HOSTNAME_DEFAULT):
        return ranked[0][1]
    if ranked[0][0] == DEFAULT:
        return ranked[len(ranked) == 2][1]
    return None


def _rank(site, hostname, port) -> int | None:
    if site.hostname == hostname:
        if str(site.port) == str(port):
            return HOSTNAME_PORT
        return HOSTNAME_DEFAULT if site.is_default_site else HOSTNAME
    return DEFAULT if site.is_default_site else None
