"""What every page shows (clinic details, the main menu), read once per save.

Kept in Django's cache per site; the page cache's purge (lantana.pagecache)
forgets it whenever a setting, a menu or a page in the menu changes.
"""

from django.core.cache import cache

# Longer than any page lives: only a save makes these stale, and a save forgets them.
CHROME_SECONDS = 60 * 60 * 24


def setting_key(model, site_id) -> str:
    return f"sitechrome:setting:{model._meta.label_lower}:{site_id}"


def menu_key(site_id) -> str:
    return f"sitechrome:menu:{site_id}"


def forget_site_chrome(site_ids) -> None:
    from .models import NavigationSettings, SiteSettings

    keys = []
    for site_id in site_ids:
        keys += [
            setting_key(SiteSettings, site_id),
            setting_key(NavigationSettings, site_id),
            menu_key(site_id),
        ]
    if keys:
        cache.delete_many(keys)
