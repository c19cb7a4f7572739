"""Production: fail fast on anything that would be unsafe to guess."""

import os
import re

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

# --- Governance: refuse unsafe defaults --------------------------------------------
# A misconfigured environment stops the process at start, with the variable's name,
# never at the first request and never by quietly falling back to a dev default.


def _require(name: str, example: str = "") -> str:
    value = os.environ.get(name, "")
    if not value:
        hint = f", e.g. {example}" if example else ""
        raise ImproperlyConfigured(f"{name} must be set in production{hint}")
    return value


# Health information never lands in the SQLite file in the code folder.
_require("DATABASE_URL", "postgres://lantana@db.internal:5432/lantana")

# Notification emails link here; staff must never be sent to plain http.
WAGTAILADMIN_BASE_URL = _require(
    "WAGTAILADMIN_BASE_URL", "https://www.lantanarecovery.example"
).rstrip("/")
if not re.fullmatch(r"https://[^/\s]+(/\S*)?", WAGTAILADMIN_BASE_URL):
    raise ImproperlyConfigured(
        f"WAGTAILADMIN_BASE_URL must be an https:// URL, not {WAGTAILADMIN_BASE_URL!r}"
    )
OTP_WEBAUTHN_RP_ID, OTP_WEBAUTHN_ALLOWED_ORIGINS = webauthn_relying_party(
    WAGTAILADMIN_BASE_URL
)

# SMTP over TLS (STARTTLS) unless implicit TLS (EMAIL_USE_SSL) is chosen or
# EMAIL_USE_TLS=false is set explicitly, e.g. for a relay on the same machine.
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", not EMAIL_USE_SSL)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured(
        "EMAIL_USE_TLS and EMAIL_USE_SSL are exclusive: set only one to true"
    )

# Live chat spans processes (gunicorn takes the start POST, each uvicorn carries its
# own sockets): they meet only in Redis. The in-memory layer would split them silently,
# each staff member seeing only the chats of the process they happen to reach.
CHANNEL_REDIS_URL = _require("CHANNEL_REDIS_URL", "redis://127.0.0.1:6379/1")
if not re.fullmatch(r"(rediss?|unix)://\S+", CHANNEL_REDIS_URL):
    raise ImproperlyConfigured(
        f"CHANNEL_REDIS_URL must be a redis://, rediss:// or unix:// URL, "
        f"not {CHANNEL_REDIS_URL!r}"
    )

# Leads are encrypted at rest; the public dev key would protect nothing.
_require("LEAD_ENCRYPTION_KEYS", "output of manage.py generate_lead_key")
_require("LEAD_BLIND_INDEX_KEY", "64 random characters")
if DEV_LEAD_ENCRYPTION_KEY in LEAD_ENCRYPTION_KEYS:
    raise ImproperlyConfigured("LEAD_ENCRYPTION_KEYS must not contain the dev key")
if LEAD_BLIND_INDEX_KEY == DEV_LEAD_BLIND_INDEX_KEY:
    raise ImproperlyConfigured("LEAD_BLIND_INDEX_KEY must not be the dev key")

# The demo app (load_demo: fictional clinicians, articles, leads and logins) is not
# installed here, so `manage.py load_demo` is an unknown command.
# --- end of governance -------------------------------------------------------------

DEBUG = False

SECRET_KEY = _require("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or [_require("ALLOWED_HOSTS")]  # noqa: F405
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters")

# The caches (pages, kept parts, site chrome) and the purges that retire them are
# shared between processes only through Redis: a per-process cache would leave every
# other gunicorn worker serving a withdrawn page. WEB_CONCURRENCY=1 (one process) is
# the only shape that may go without (the pagecache.E001 check says the same).
if not os.environ.get("REDIS_URL") and os.environ.get("WEB_CONCURRENCY") != "1":
    raise ImproperlyConfigured(
        "REDIS_URL must be set in production, e.g. redis://127.0.0.1:6379/0 "
        "(or run a single process: WEB_CONCURRENCY=1)"
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# __Host-: the browser accepts these only over HTTPS, for this exact host, path /.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True  # noqa: F405
ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True  # noqa: F405
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
    }
}
if "EMAIL_BACKEND" not in os.environ:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

# Wagtail's admin previews pages in a same-origin iframe, so frames stay SAMEORIGIN.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
