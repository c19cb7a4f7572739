"""What every page shows (clinic details, the main menu), read once per save.

Kept in Django's cache per site; the page cache's purge (lantana.pagecache)
forgets it whenever a setting, a menu or a page in the menu changes.

The sites themselves (which one answers a host) are kept too, forgotten when a
site is saved or deleted and when any page is published, unpublished, moved or
deleted (a site's root page may be that page).
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

# Longer than any page lives: only a save makes these stale, and a save forgets them.
CHROME_SECONDS = 60 * 60 * 24


# The site settings that keep themselves here (SiteSettings.for_site), by label.
CACHED_SETTINGS = ("core.sitesettings",)


def setting_key(label: str, site_id) -> str:
    """The key of a site setting (by its model's `_meta.label_lower`) for a site."""
    return f"sitechrome:setting:{label}:{site_id}"


def menu_key(site_id, language: str) -> str:
    """The menu as one language shows it (its pages' titles and URLs differ)."""
    return f"sitechrome:menu:{site_id}:{language}"


def forget_site_chrome(site_ids) -> None:
    keys = []
    for site_id in site_ids:
        keys += [setting_key(label, site_id) for label in CACHED_SETTINGS]
        keys += [menu_key(site_id, code) for code, _name in settings.LANGUAGES]
    if keys:
        cache.delete_many(keys)


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
    try:
        sites = cache.get(SITES_KEY)
        if sites is None:
            sites = list(Site.objects.select_related("root_page"))
            cache.set(SITES_KEY, sites, CHROME_SECONDS)
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


def forget_sites(**kwargs) -> None:
    try:
        cache.delete(SITES_KEY)
    except Exception:  # noqa: BLE001, S110 — an outage: nothing is being kept
        pass


def connect_signals() -> None:
    for signal in (post_save, post_delete):
        signal.connect(forget_sites, sender=Site, dispatch_uid=f"sites-{signal}")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget_sites, dispatch_uid=f"sites-{id(signal)}")
    post_delete.connect(_forget_for_page, dispatch_uid="sites-page-delete")


def _forget_for_page(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        forget_sites()
