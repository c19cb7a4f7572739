"""What every page shows (clinic details, the main menu, the languages), read once
per change.

Kept in Django's cache per site under the site-wide cache generation
(lantana/core/generation.py), like every other cached thing: any change bumps it
and these are read afresh. The sites themselves (which one answers a host) too.
When the generation cannot be trusted (a purge not yet in Redis, an outage),
nothing is read from or written to the cache here.

Within a request (SiteMiddleware), the chrome is read in one round trip: the
first read fetches, with its own key, every key a page's chrome reads for the
request's site, language and day (`chrome_names`, and what apps add with
`also_read`), and each value read is remembered until the request ends. The keys
are those the readers build (generation included), so a request never sees a
value another generation kept, and nothing outlives the request.
"""

from collections.abc import Callable, Iterable
from contextlib import contextmanager

from asgiref.local import Local
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


def _key(name: str, gen: int) -> str:
    return f"sitechrome:{name}:{gen}"


def _setting_name(label: str, site_id) -> str:
    return f"setting:{label}:{site_id}"


def _menu_name(site_id, language: str) -> str:
    return f"menu:{site_id}:{language}"


def _wording_name(language: str) -> str:
    return f"wording:{language}"


def setting_key(label: str, site_id) -> str | None:
    """The key of a site setting (by its model's `_meta.label_lower`) for a site."""
    gen = _generation()
    return None if gen is None else _key(_setting_name(label, site_id), gen)


def menu_key(site_id, language: str) -> str | None:
    """The menu as one language shows it (its pages' titles and URLs differ)."""
    gen = _generation()
    return None if gen is None else _key(_menu_name(site_id, language), gen)


def wording_key(language: str) -> str | None:
    """SiteWording in one language (lantana/core/models.py)."""
    gen = _generation()
    return None if gen is None else _key(_wording_name(language), gen)


def chrome_names(site_id, language: str) -> list[str]:
    """What every page's chrome reads here: the locales, the clinic details, the
    menu and the wording around them."""
    return [
        "locales",
        *(_setting_name(label, site_id) for label in CACHED_SETTINGS),
        _menu_name(site_id, language),
        _wording_name(language),
    ]


# Functions (site id, language) -> names apps read with every page (also_read).
_also_read: list[Callable[[object, str], Iterable[str]]] = [chrome_names]


def also_read(names: Callable[[object, str], Iterable[str]]) -> None:
    """Fetch these names (as `remember` takes them) with the rest of the chrome,
    for the request's site id and language (an app's AppConfig.ready)."""
    if names not in _also_read:
        _also_read.append(names)


# The chrome read in this request (asgiref's Local: per request under ASGI too).
_request = Local()


@contextmanager
def reading_once(site_id):
    """Within: each chrome key is read once, all in one round trip (SiteMiddleware)."""
    outer = getattr(_request, "found", None), getattr(_request, "site_id", None)
    _request.found, _request.site_id = {}, site_id
    try:
        yield
    finally:
        _request.found, _request.site_id = outer


def read(key: str):
    """cache.get(key) for a key of this module's, once per request; None on a
    miss and when the cache fails (any backend's outage: the caller reads rows)."""
    found = getattr(_request, "found", None)
    try:
        if found is None:
            return cache.get(key)
        if key not in found:
            keys = [key] if found else _with_the_chrome(key)
            values = cache.get_many(keys)
            for each in keys:
                found[each] = values.get(each)
    except Exception:  # noqa: BLE001
        return None
    return found[key]


def _with_the_chrome(key: str) -> list[str]:
    """The first key a request reads, and the rest of the chrome it will read."""
    gen = _generation()
    if gen is None:
        return [key]
    language = translation.get_language()
    others = (
        _key(name, gen)
        for names in _also_read
        for name in names(_request.site_id, language)
    )
    return [key, *(other for other in others if other != key)]


def keep(key: str, value) -> None:
    """cache.set(key, value) for a key of this module's, for CHROME_SECONDS;
    nothing if the cache fails (the value is still right)."""
    try:
        cache.set(key, value, CHROME_SECONDS)
    except Exception:  # noqa: BLE001, S110
        pass
    found = getattr(_request, "found", None)
    if found is not None:
        found[key] = value


def remember(name: str, compute: Callable):
    """compute()'s value, kept under `name` until the generation moves.

    Computed afresh (and not kept) while the generation cannot be trusted or the
    cache fails. Rows are read after the generation, so a value that raced a
    change is kept under the old generation and never found again.
    """
    gen = _generation()
    if gen is None:
        return compute()
    key = _key(name, gen)
    found = read(key)
    if found is not None:
        return found[0]
    value = compute()
    keep(key, (value,))
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
        site = None
        if request.method in ("GET", "HEAD"):
            sites = get_sites()
            if sites is not None:
                site = request._wagtail_site = match_site(sites, request)
        with reading_once(site.pk if site is not None else None):
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
