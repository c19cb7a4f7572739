from django.conf import settings
from wagtail import hooks

from lantana.core import fragments

from . import store


@hooks.register("before_serve_page")
def mark_page_cache_candidate(page, request, serve_args, serve_kwargs):
    """An anonymous GET of a live, public page may be stored once drawn (middleware).

    Only for visitors without a session: a session can carry per-visitor state
    (a passed page password, a thank-you receipt) that must never reach others.
    A page under any view restriction, its own or an ancestor's, is never stored
    by any layer: its answer leaves with `private, no-store`.
    """
    if not (store.enabled() or fragments.seconds()):
        return None
    # Read once here, for the kept parts too (lantana.core.fragments.for_page).
    request.page_cache_restricted = bool(page.get_view_restrictions())
    if request.page_cache_restricted:
        return None
    if not getattr(request, "page_cache_allowed", False):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    request.page_cache_candidate = store.candidate_for(page, request)
    return None
