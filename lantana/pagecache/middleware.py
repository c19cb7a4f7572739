from django.conf import settings

from . import store


def is_signed_in(request) -> bool:
    # Without a session cookie nobody is signed in: no session lookup needed.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return request.user.is_authenticated


class PageCacheMiddleware:
    """Answers anonymous GETs of pages from the cache; stores what qualifies.

    Sits after AuthenticationMiddleware. The page itself is marked as a candidate
    by the `before_serve_page` hook (wagtail_hooks.py), which knows the page and
    its declared query parameters; everything else passes straight through and
    leaves with `Cache-Control: private`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.page_cache_allowed = (
            store.enabled() and request.method == "GET" and not is_signed_in(request)
        )
        if request.page_cache_allowed:
            cached = store.fetch(request)
            if cached is not None:
                return cached
        response = self.get_response(request)
        candidate = getattr(request, "page_cache_candidate", None)
        if getattr(request, "page_cache_restricted", False):
            store.mark_restricted(response)
        elif candidate is not None and store.is_storable(request, response):
            store.store(request, response, candidate)
        else:
            store.mark_private(response)
        return response
