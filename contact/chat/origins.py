"""Which pages may open the chat sockets: the site's own origin, exactly.

Browsers send an Origin header with every WebSocket handshake; a page elsewhere
(or this site over plain http, or on another port) must not open a socket with a
visitor's or staff member's cookies. Scheme, host and port are compared with the
configured site (WAGTAILADMIN_BASE_URL), CSRF_TRUSTED_ORIGINS and
CHAT_ALLOWED_ORIGINS, read at each handshake.
"""

from urllib.parse import urlsplit

from channels.security.websocket import OriginValidator
from django.conf import settings

DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


def origin_key(url: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) of an origin or URL, or None if it has none."""
    try:
        parts = urlsplit(url.strip().lower())
        port = parts.port or DEFAULT_PORTS.get(parts.scheme)
    except ValueError:
        return None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname or port is None:
        return None
    return parts.scheme, parts.hostname, port


def allowed_origins() -> set[tuple[str, str, int]]:
    urls = [
        settings.WAGTAILADMIN_BASE_URL,
        *settings.CSRF_TRUSTED_ORIGINS,
        *getattr(settings, "CHAT_ALLOWED_ORIGINS", ()),
    ]
    return {key for key in map(origin_key, urls) if key is not None}


class SiteOriginValidator(OriginValidator):
    def __init__(self, application):
        super().__init__(application, allowed_origins=[])

    def valid_origin(self, parsed_origin):
        if parsed_origin is None:
            return False
        return origin_key(parsed_origin.geturl()) in allowed_origins()
