"""Beacons answered before Django's request handling starts.

Through the middleware stack (sessions, CSRF, authentication, OTP, staff
sessions, the page cache, redirects, axes) a beacon cost far more than its one
Redis round trip: `make bench-beacon` measured about 64 a second on a saturated
machine. `BeaconWSGIBranch` (lantana/wsgi.py, what gunicorn serves) takes
`POST /insights/beacon/` first and runs `views.answer`, the same rules as the view
(size, Sec-Fetch-Site, DNT/GPC and bots, the per-address rate limit under a keyed
hash, the field checks), queueing with `queue.push_to_redis`. It reads and sets
no cookie and stores nothing but the typed fields.

It answers only when everything is usual. The request goes on to Django, whose
view then answers it as before, when:
- the host is not in ALLOWED_HOSTS (Django answers 400), or the request is plain
  HTTP while SECURE_SSL_REDIRECT asks for HTTPS (Django redirects);
- the cache is not Redis (tests, `make run`), or Redis fails while queueing (the
  view writes the rows to the table).
"""

import io
from functools import cache

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.urls import reverse

from . import queue, views

STATUS = {
    204: "204 No Content",
    400: "400 Bad Request",
    403: "403 Forbidden",
    413: "413 Request Entity Too Large",
    429: "429 Too Many Requests",
}
HEADERS = [
    ("Cache-Control", "no-store"),
    ("Content-Length", "0"),
    ("X-Content-Type-Options", "nosniff"),
]


@cache
def beacon_path() -> str:
    return reverse("insights:beacon")


def usual(request) -> bool:
    try:
        request.get_host()  # validates it against ALLOWED_HOSTS
    except DisallowedHost:
        return False
    if settings.SECURE_SSL_REDIRECT and not request.is_secure():
        return False
    return queue.redis_client() is not None


class BeaconWSGIBranch:
    """Wraps the site's WSGI application; answers usual beacons itself."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if (
            environ.get("REQUEST_METHOD") == "POST"
            and environ.get("PATH_INFO") == beacon_path()
        ):
            request = WSGIRequest(environ)
            if usual(request):
                try:
                    status = views.answer(request, push=queue.push_to_redis)
                except queue.Unavailable:
                    status = None
                if status is not None:
                    start_response(STATUS[status], list(HEADERS))
                    return []
                # The body was read: Django's request reads it again from here.
                environ["wsgi.input"] = io.BytesIO(request.body)
        return self.application(environ, start_response)
