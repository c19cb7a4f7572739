from django.conf import settings
from wagtail import hooks
from wagtail.models import Site

from . import store


@hooks.register("before_serve_page")
def mark_page_cache_candidate(page, request, serve_args, serve_kwargs):
    """An anonymous GET of a live page may be stored once rendered (middleware).

    Only for visitors without a session: a session can carry per-visitor state
    (a passed page password, a thank-you receipt) that must never reach others.
    """
    if not getattr(request, "page_cache_allowed", False):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    site = Site.find_for_request(request)
    if site is not None:
        request.page_cache_candidate = store.candidate_for(page, site, request)
    return None
