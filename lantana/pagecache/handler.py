"""Page-cache hits answered before Django's request handling starts.

A hit through the middleware still builds a request, sends the request signals
and runs a dozen middlewares on the way in and out: most of what a hit costs.
`PageCacheWSGIHandler` (lantana/wsgi.py, what gunicorn serves) first looks the
request up in the "final" entries that it stored itself, the answer exactly as it
left Django with every middleware's headers, and sends that. It only ever does so
for what the middleware would have served from the cache anyway:

- GETs without a session cookie (so nobody signed in) or a messages cookie;
- a host in ALLOWED_HOSTS, and HTTPS when SECURE_SSL_REDIRECT asks for it;
- the same route, site-wide generation and declared parameters as the
  middleware's entries (store.lookup_final), so every purge reaches these too,
  and junk parameters share one entry.

Each process also keeps the answers it has served in memory for the generation
they were drawn in (local.py). Anything else, and any miss or cache outage, goes
to Django as before.

`final_answer(environ)` is that lookup on its own: the worker production runs
(lantana/workers.py) asks it first and writes a hit out itself.
"""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIHandler

from lantana.core.generation import generation

from . import store

# Cookies whose holder may see something personal: leave them to Django.
PERSONAL_COOKIES = ("messages",)


def servable(request) -> bool:
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or any(
        name in cookies for name in PERSONAL_COOKIES
    ):
        return False
    try:
        store.site_origin(request)  # validates the host against ALLOWED_HOSTS
    except DisallowedHost:
        return False
    return request.is_secure() or not settings.SECURE_SSL_REDIRECT


class PageCacheWSGIHandler(WSGIHandler):
    def final_answer(self, environ):
        """The stored final answer (status line, headers, body) for this request,
        or None for Django to answer it. lantana.workers.SyncWorker asks this too,
        before gunicorn builds a response."""
        if environ.get("REQUEST_METHOD") != "GET" or not store.enabled():
            return None
        generation().forget_request_memo()  # a new request: read it afresh
        request = self.request_class(environ)
        return store.lookup_final(request) if servable(request) else None

    def __call__(self, environ, start_response):
        found = self.final_answer(environ)
        if found is not None:
            status, headers, content = found
            start_response(status, headers)
            return [content]
        return super().__call__(environ, start_response)

    def get_response(self, request):
        response = super().get_response(request)
        store.store_final(request, response)
        return response
