import os

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)  # noqa: F405
# load_demo and the demo's builders and words; never installed in production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-used-in-production"  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Template and code changes show at once; PAGE_CACHE_SECONDS=300 to try the cache.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0)  # noqa: F405
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 0)  # noqa: F405
# `make run` serves on PORT: admin and email links follow it, and load_demo points
# the demo Site there too, so canonical, Open Graph, JSON-LD and sitemap URLs do.
PORT = env_int("PORT", 8000)  # noqa: F405
WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL", f"http://127.0.0.1:{PORT}"
)
# Passkeys follow that address: http://localhost:PORT (browsers refuse an IP address).
OTP_WEBAUTHN_RP_ID, OTP_WEBAUTHN_ALLOWED_ORIGINS = webauthn_relying_party(  # noqa: F405
    WAGTAILADMIN_BASE_URL
)
# A fixed, public key: data encrypted under it is protected from nobody.
LEAD_ENCRYPTION_KEYS = LEAD_ENCRYPTION_KEYS or [DEV_LEAD_ENCRYPTION_KEY]  # noqa: F405
LEAD_BLIND_INDEX_KEY = LEAD_BLIND_INDEX_KEY or DEV_LEAD_BLIND_INDEX_KEY  # noqa: F405
# make run serves on 127.0.0.1:$PORT: the chat sockets accept pages from there.
CHAT_ALLOWED_ORIGINS = [  # noqa: F405
    *CHAT_ALLOWED_ORIGINS,  # noqa: F405
    f"http://127.0.0.1:{PORT}",  # noqa: F405
    f"http://localhost:{PORT}",  # noqa: F405
]
