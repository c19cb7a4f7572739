"""Settings shared by every environment: safe defaults, no secrets.

Each value that differs per deployment comes from an environment variable listed in
.env.example.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    if not value:
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number") from error


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "lantana.core",
    "lantana.pagecache",
    "staff",
    "articles",
    "contact",
    "selfchecks",
    "insights",
    "access",
    "wordpress",
    "home",
    "locations",
    # Translation of pages and snippets in the admin; its locales app replaces
    # wagtail.locales. No machine translator is configured: nothing leaves the server.
    "wagtail_localize",
    "wagtail_localize.locales",
    "notices",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "axes",
    "channels",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lantana.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Which Wagtail site answers, from the cache instead of a query per request.
    "lantana.core.site_cache.SiteMiddleware",
    "lantana.core.middleware.PathCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the URL alone (/es/… or English), never from
    # Accept-Language or a cookie, so cached pages cannot cross languages.
    "lantana.core.middleware.LanguageFromPathMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "access.middleware.StaffSessionMiddleware",
    "access.middleware.SecondFactorMiddleware",
    "lantana.pagecache.middleware.PageCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "contact.middleware.LeadOutageMiddleware",
    # Last, so it sees the lockout that authentication flagged (django-axes docs).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lantana.urls"
WSGI_APPLICATION = "lantana.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "notices.context_processors.notices",
                "lantana.core.context_processors.site_wording",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One uvicorn process serves pages and both chat sockets, each request from a
    # thread and connection of its own. A transaction takes the write lock when it
    # begins (a deferred one that reads first cannot wait for it: "database is
    # locked" at once), a writer waits its turn, and readers never wait (WAL).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        **DATABASES["default"].get("OPTIONS", {}),
    }
# On PostgreSQL, the SQL that lantana.core.rows sends is prepared once per connection
# (lantana/core/prepared.py). Off for a pooler that moves statements between sessions
# (PgBouncer in transaction mode).
PREPARED_STATEMENTS = env_bool("PREPARED_STATEMENTS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# English at /, Spanish at /es/ (lantana/urls.py): both the interface's languages
# and the content's (Wagtail locales, translated with wagtail-localize).
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [("en", "English"), ("es", "Español")]
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # whitenoise's compressed manifest storage, each URL found once (static.py).
    "staticfiles": {"BACKEND": "lantana.core.static.StaticFilesStorage"},
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        # Like Django's RedisCache, but a Redis outage is a cache miss, not a 500.
        "BACKEND": "lantana.core.cache.ResilientRedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
# Kept page parts, through Wagtail's {% wagtailpagecache %} (lantana/core/fragments.py):
# the default cache where an outage is a miss, and a cache that keeps nothing for
# the pages that must not keep them.
KEPT_PARTS_CACHES = {
    "kept_parts": {"BACKEND": "lantana.core.fragments.KeptPartsCache"},
    "kept_parts_off": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
CACHES.update(KEPT_PARTS_CACHES)

# --- Live chat: the Channels layer (contact/chat/) ---
# Redis lets several ASGI processes share conversations; without CHANNEL_REDIS_URL
# (make run, tests) one process keeps them in memory.
ASGI_APPLICATION = "lantana.asgi.application"
CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
if os.environ.get("CHANNEL_REDIS_URL"):
    CHANNEL_LAYERS["default"] = {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {
            "hosts": [
                {
                    "address": os.environ["CHANNEL_REDIS_URL"],
                    # redis-py 8 reads with a 5 s timeout by default, exactly
                    # channels-redis's 5 s blocking receive: every socket idle for
                    # 5 s would crash. Reads wait longer than that receive; a dead
                    # Redis is still noticed within seconds when connecting.
                    "socket_timeout": 15,
                    "socket_connect_timeout": 2,
                }
            ],
            # Messages waiting for one socket before the layer drops new ones
            # (default 100): an intake user's socket carries every chat they
            # opened, and a busy moment must queue there, not vanish.
            "capacity": 1000,
        },
    }

# A live chat nobody accepts within this many minutes tells the visitor so and
# becomes a lead notified by email like any other (contact/chat/services.py).
CHAT_ACCEPT_TIMEOUT_MINUTES = env_int("CHAT_ACCEPT_TIMEOUT_MINUTES", 3)
CHAT_MESSAGE_MAX_LENGTH = env_int("CHAT_MESSAGE_MAX_LENGTH", 1000)
# How many messages one visitor may send per conversation: "count/seconds" pairs,
# comma-separated. Messages over the rate are refused, never stored or shown to staff.
CHAT_RATE = os.environ.get("CHAT_RATE", "5/10,60/600")
try:
    CHAT_RATE_LIMITS = [
        tuple(int(number) for number in pair.split("/"))
        for pair in CHAT_RATE.split(",")
        if pair.strip()
    ]
    if any(len(pair) != 2 or min(pair) < 1 for pair in CHAT_RATE_LIMITS):
        raise ValueError
except ValueError as error:
    raise ImproperlyConfigured(
        'CHAT_RATE must look like "5/10,60/600" (messages/seconds, comma-separated)'
    ) from error
# Socket limits (contact/chat/consumers.py; docs/operations/security.md). A visitor's
# socket that has not joined a chat this many seconds after connecting is closed.
CHAT_JOIN_SECONDS = env_int("CHAT_JOIN_SECONDS", 10)
# Frames of each type one socket may send per window ("count/seconds"); more are
# refused, and a socket that keeps on is closed.
CHAT_FRAME_RATE = os.environ.get("CHAT_FRAME_RATE", "20/10")
try:
    CHAT_FRAME_RATE_LIMIT = tuple(int(n) for n in CHAT_FRAME_RATE.split("/"))
    if len(CHAT_FRAME_RATE_LIMIT) != 2 or min(CHAT_FRAME_RATE_LIMIT) < 1:
        raise ValueError
except ValueError as error:
    raise ImproperlyConfigured(
        'CHAT_FRAME_RATE must look like "20/10" (frames/seconds)'
    ) from error
# A staff socket re-checks the session, second step, account and permission before
# a push when its last check is older than this (and at the session's end).
CHAT_STAFF_RECHECK_SECONDS = 1.0
# Origins (scheme, host and port) the chat sockets accept, besides the site's own
# (WAGTAILADMIN_BASE_URL) and CSRF_TRUSTED_ORIGINS.
CHAT_ALLOWED_ORIGINS = env_list("CHAT_ALLOWED_ORIGINS")
if (
    CHAT_ACCEPT_TIMEOUT_MINUTES < 1
    or CHAT_MESSAGE_MAX_LENGTH < 1
    or CHAT_JOIN_SECONDS < 1
):
    raise ImproperlyConfigured(
        "CHAT_ACCEPT_TIMEOUT_MINUTES, CHAT_MESSAGE_MAX_LENGTH and CHAT_JOIN_SECONDS "
        "must be 1 or more"
    )

# --- Performance: the anonymous page cache (lantana/pagecache) ---
# Whole responses of pages for visitors who are not signed in, retired by any change
# (docs/development/caching.md). 0 turns it off, e.g. to measure the uncached path.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
if PAGE_CACHE_SECONDS < 0:
    raise ImproperlyConfigured("PAGE_CACHE_SECONDS must be 0 or more")
# How long nginx (or a CDN) may keep a cached page: the s-maxage of its answer. Short
# on purpose: the front is never purged, so this is how stale it can ever be.
FRONT_CACHE_SECONDS = env_int("FRONT_CACHE_SECONDS", 1)
if not 0 <= FRONT_CACHE_SECONDS <= 60:
    raise ImproperlyConfigured("FRONT_CACHE_SECONDS must be between 0 and 60")
# How long past that it may still answer with its copy while gunicorn cannot be
# reached (stale-if-error); a page withdrawn longer ago than this is never shown.
FRONT_CACHE_STALE_SECONDS = env_int("FRONT_CACHE_STALE_SECONDS", 10)
if not 0 <= FRONT_CACHE_STALE_SECONDS <= 300:
    raise ImproperlyConfigured("FRONT_CACHE_STALE_SECONDS must be between 0 and 300")
PAGE_CACHE_ALIAS = "default"
# Each process also keeps the answers it served, up to this many MB, while Redis
# tells it of every purge (lantana/pagecache/local.py); 0 turns that off.
PAGE_CACHE_LOCAL_MB = env_int("PAGE_CACHE_LOCAL_MB", 32)
if PAGE_CACHE_LOCAL_MB < 0:
    raise ImproperlyConfigured("PAGE_CACHE_LOCAL_MB must be 0 or more")
# The costly parts of a page (article body, cards, JSON-LD) kept between requests,
# forgotten by the same purges (lantana/core/fragments.py). 0 turns them off.
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 60 * 60)
if FRAGMENT_CACHE_SECONDS < 0:
    raise ImproperlyConfigured("FRAGMENT_CACHE_SECONDS must be 0 or more")

# Email: console by default so nothing leaves a developer's machine.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Lantana Recovery <no-reply@lantana.example>"
)
LEAD_NOTIFY_EMAILS = env_list("LEAD_NOTIFY_EMAILS")
# Whoever renews licences and accreditations: warned 60 and 7 days before expiry.
CREDENTIAL_NOTIFY_EMAILS = env_list("CREDENTIAL_NOTIFY_EMAILS")

# Lead desk (contact/admin/, purge_leads; README "Lead desk").
# Closed and spam leads are purged this many days after they were closed.
LEAD_RETENTION_DAYS = env_int("LEAD_RETENTION_DAYS", 365)
# An open lead nobody touched for this long is listed for review ("Stale" filter)...
LEAD_STALE_DAYS = env_int("LEAD_STALE_DAYS", 90)
# ...and purged once untouched for this long.
LEAD_STALE_PURGE_DAYS = env_int("LEAD_STALE_PURGE_DAYS", 730)
if not 0 < LEAD_STALE_DAYS < LEAD_STALE_PURGE_DAYS:
    raise ImproperlyConfigured(
        "LEAD_STALE_PURGE_DAYS must be longer than LEAD_STALE_DAYS (both above 0)"
    )
# The inbox shows a new lead's waiting time in amber, then red, after these.
LEAD_WAITING_AMBER_MINUTES = env_int("LEAD_WAITING_AMBER_MINUTES", 60)
LEAD_WAITING_RED_MINUTES = env_int("LEAD_WAITING_RED_MINUTES", 240)
# Spam defences for the contact and chat forms (contact/spam.py).
LEAD_MIN_FILL_SECONDS = env_int("LEAD_MIN_FILL_SECONDS", 3)
LEAD_FORM_MAX_AGE = env_int("LEAD_FORM_MAX_AGE", 60 * 60 * 12)
LEAD_RATE_LIMIT = env_int("LEAD_RATE_LIMIT", 5)
LEAD_RATE_LIMIT_WINDOW = env_int("LEAD_RATE_LIMIT_WINDOW", 60 * 60)
CSRF_FAILURE_VIEW = "contact.views.csrf_failure"

# Lead data encrypted at rest (contact/crypto.py; docs/operations/lead-data-encryption.md).
# Comma-separated Fernet keys, the newest first: rows are written under the first and
# read under any, so a new key goes first and rotate_lead_keys retires the old ones.
LEAD_ENCRYPTION_KEYS = env_list("LEAD_ENCRYPTION_KEYS")
# The HMAC key of the blind index that lets staff search encrypted names, emails and
# phones; separate from the encryption keys. Changing it needs rotate_lead_keys.
LEAD_BLIND_INDEX_KEY = os.environ.get("LEAD_BLIND_INDEX_KEY", "")
if LEAD_ENCRYPTION_KEYS:
    from cryptography.fernet import Fernet

    try:
        [Fernet(key) for key in LEAD_ENCRYPTION_KEYS]
    except ValueError as error:
        raise ImproperlyConfigured(
            "LEAD_ENCRYPTION_KEYS must be comma-separated Fernet keys "
            "(manage.py generate_lead_key makes one)"
        ) from error
if LEAD_BLIND_INDEX_KEY and len(LEAD_BLIND_INDEX_KEY) < 32:
    raise ImproperlyConfigured("LEAD_BLIND_INDEX_KEY must be 32 characters or more")
# Fixed keys for dev and test settings only (never accepted by production settings).
DEV_LEAD_ENCRYPTION_KEY = "bGFudGFuYS1kZXYtb25seS1sZWFkLWtleS0zMmJ5dGU="  # noqa: S105
DEV_LEAD_BLIND_INDEX_KEY = "lantana-dev-only-blind-index-key-not-secret"  # noqa: S105

# How many proxies (nginx, a load balancer) stand in front of the app; the client
# address is read that many hops from the right of X-Forwarded-For
# (lantana/core/client_address.py). 0 = the socket address, the header is ignored.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more")

# First-party insight (insights/; docs/development/insights.md). Beacons one address
# may send per window ("count/seconds"); more are answered 429 and not counted.
INSIGHTS_BEACON_RATE = os.environ.get("INSIGHTS_BEACON_RATE", "60/60")
try:
    INSIGHTS_BEACON_RATE_LIMIT = tuple(int(n) for n in INSIGHTS_BEACON_RATE.split("/"))
    if len(INSIGHTS_BEACON_RATE_LIMIT) != 2 or min(INSIGHTS_BEACON_RATE_LIMIT) < 1:
        raise ValueError
except ValueError as error:
    raise ImproperlyConfigured(
        'INSIGHTS_BEACON_RATE must look like "60/60" (beacons/seconds)'
    ) from error
# Daily insight counts older than this many days are deleted by rollup_insights.
INSIGHTS_RETENTION_DAYS = env_int("INSIGHTS_RETENTION_DAYS", 730)
if INSIGHTS_RETENTION_DAYS < 1:
    raise ImproperlyConfigured("INSIGHTS_RETENTION_DAYS must be 1 or more")

# Unset = tasks run inline, right after the request's transaction commits.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

WAGTAIL_SITE_NAME = "Lantana Recovery"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "core.CustomImage"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "key",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xlsx",
    "zip",
    # Audio and video a WordPress site attached to posts (wordpress/ imports them).
    "mp3",
    "m4a",
    "ogg",
    "wav",
    "mp4",
    "m4v",
    "webm",
]
# The admin must not call out to third parties either.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "avif", "webp": "webp"}

# Public pages: nothing is allowed unless a page needs it (README: "Staff access").
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        # The chat dialog fetches its CSRF token from /chat/session/.
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        # Wagtail previews a page in a same-origin frame.
        "frame-ancestors": ["'self'"],
        "base-uri": ["'none'"],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Shown by the 500 page, which must render even when the database is down.
CLINIC_FALLBACK_PHONE = os.environ.get("CLINIC_FALLBACK_PHONE", "(843) 555-0134")

# When the browser/axe suite last passed, written at release by
# record_accessibility_check and shown by the accessibility statement.
ACCESSIBILITY_RECORD = Path(
    os.environ.get("ACCESSIBILITY_RECORD") or BASE_DIR / "accessibility-check.json"
)

# Where load_demo (the demo app: dev and test settings only) keeps the demo logins it
# prints (git-ignored files); make bench points it at its temporary folder so a
# benchmark never overwrites the developer's logins.
DEMO_LOGIN_DIR = Path(os.environ.get("DEMO_LOGIN_DIR") or BASE_DIR)

# --- Staff access (README: "Staff access"): two-step sign-in, lockout, sessions ---
AUTHENTICATION_BACKENDS = [
    # First, so a locked username + address never reaches the password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
OTP_TOTP_ISSUER = "Lantana Recovery"
# Passkeys (django-otp-webauthn, access/passkeys.py): a second step beside the app,
# never a sign-in without the password. They belong to the admin's host name, taken
# from WAGTAILADMIN_BASE_URL (production.py sets them again from its required value).
OTP_WEBAUTHN_RP_NAME = "Lantana Recovery staff"
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_EXCEPTION_LOGGER_NAME = "access.passkeys"


def webauthn_relying_party(admin_url: str) -> tuple[str, list[str]]:
    """The passkeys' domain (RP ID) and the one origin they are accepted from.

    Browsers take no IP address as a passkey's domain: a local http:// address
    becomes localhost (http://localhost:8000 for `make run`)."""
    parts = urlsplit(admin_url)
    if parts.scheme == "http" and parts.hostname in {"127.0.0.1", "::1", "localhost"}:
        port = f":{parts.port}" if parts.port else ""
        return "localhost", [f"http://localhost{port}"]
    return parts.hostname or "", [f"{parts.scheme}://{parts.netloc}"]


OTP_WEBAUTHN_RP_ID, OTP_WEBAUTHN_ALLOWED_ORIGINS = webauthn_relying_party(
    WAGTAILADMIN_BASE_URL
)
# How long an administrator's two-step set-up link works (access/enrolment.py).
ACCESS_ENROLMENT_LINK_HOURS = env_int("ACCESS_ENROLMENT_LINK_HOURS", 24)
if ACCESS_ENROLMENT_LINK_HOURS < 1:
    raise ImproperlyConfigured("ACCESS_ENROLMENT_LINK_HOURS must be 1 or more")
# django-otp's own per-device back-off (1 s, 2 s, 4 s… after each wrong code) stays
# on beside the lockout: it slows guessing spread over many addresses.

# django-axes: 10 failures (passwords and second-step codes alike) for one username
# from one client address lock that pair for 15 minutes; failures older than that
# are forgotten. Success resets the count only after the second step (access/views.py),
# so a stolen password cannot be used to wipe the count of wrong codes.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = False
AXES_CLIENT_IP_CALLABLE = "lantana.core.client_address.get_client_address"
AXES_LOCKOUT_CALLABLE = "access.lockout.locked_out"
AXES_USERNAME_FORM_FIELD = "username"
# Lockouts are answered with our page, never by a redirect that names the username.
AXES_VERBOSE = False

# Private pages and documents send people to the admin's two-step sign-in
# (access/privacy.py), never to Wagtail's one-step front-end form.
WAGTAIL_FRONTEND_LOGIN_URL = "wagtailadmin_login"
# No shared passwords on pages or document collections: Wagtail keeps them in
# clear, and health information deserves a named, two-step sign-in.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}

# Staff sessions end after this much idle time and this long in all, whatever
# "Remember me" says; the session cookie never outlives the absolute limit.
STAFF_SESSION_IDLE_SECONDS = env_int("STAFF_SESSION_IDLE_SECONDS", 30 * 60)
STAFF_SESSION_MAX_SECONDS = env_int("STAFF_SESSION_MAX_SECONDS", 12 * 60 * 60)
SESSION_COOKIE_AGE = STAFF_SESSION_MAX_SECONDS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# No script reads the CSRF cookie: the admin takes the token from the page and the
# chat dialog from /chat/session/.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# The admin's policy (lantana/core/middleware.py picks it for /admin/ paths). Found by
# running the dashboard, the page editor, image chooser and upload, previews and the
# lead desk in Chromium and listening for violations (tests/browser/test_access.py).
ADMIN_CSP_URL_PREFIXES = ["/admin/"]
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        # No 'unsafe-inline': Wagtail 8's inline initialisers (initDateChooser(),
        # new PageChooser(), InlinePanel...) are allowed one by one by the hash of
        # the text each page prints, once checked to be only an initialiser with
        # JSON arguments (lantana/core/admin_csp.py). Never 'unsafe-eval', never
        # another origin.
        "script-src": ["'self'"],
        # The nonce goes only to the <style> elements Wagtail's scripts create (the
        # rich text editor's); static/js/admin-styles.js hands it to them.
        "style-src": ["'self'", NONCE],
        # data: for the QR code drawn at enrolment and Wagtail's SVG placeholders;
        # blob: for the previews Wagtail draws of images being uploaded.
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # The live preview panel is a same-origin iframe.
        "frame-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# Sign-in pages print no widget scripts, so passwords and codes are typed under a
# policy with no inline script at all.
ADMIN_STRICT_CSP_URL_PREFIXES = [
    "/admin/login/",
    "/admin/access/",
    "/admin/password_reset/",
]

# Browser features the site never uses, denied to every page and frame.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "serial",
        "usb",
        "xr-spatial-tracking",
        "interest-cohort",
        "browsing-topics",
    )
}

# ---- Media in object storage (deploy) ----
# With a bucket named, uploads and image renditions go to S3-compatible object
# storage through django-storages, so several app servers share them; unset =
# MEDIA_ROOT on local disk. Credentials never pass through settings: boto3 reads
# AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (or an instance role) itself.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL", "")
    if AWS_S3_ENDPOINT_URL and not AWS_S3_ENDPOINT_URL.startswith(
        ("https://", "http://")
    ):
        raise ImproperlyConfigured(
            "AWS_S3_ENDPOINT_URL must start with https:// (or http:// for a local server)"
        )
    AWS_S3_ADDRESSING_STYLE = os.environ.get("AWS_S3_ADDRESSING_STYLE", "")
    if AWS_S3_ADDRESSING_STYLE not in {"", "auto", "path", "virtual"}:
        raise ImproperlyConfigured(
            "AWS_S3_ADDRESSING_STYLE must be auto, path or virtual"
        )
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": AWS_S3_ENDPOINT_URL or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "addressing_style": AWS_S3_ADDRESSING_STYLE or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            # Off: image URLs stay stable, as cached pages outlive any signature.
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            # Two uploads with one name must not replace each other's file.
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=86400"},
        },
    }
    # Documents stay private in the bucket and stream through Django, which checks
    # collection privacy; unsigned redirects to the bucket would be refused.
    if not STORAGES["default"]["OPTIONS"]["querystring_auth"]:
        WAGTAILDOCS_SERVE_METHOD = "serve_view"
    # Pages may show images from the bucket's origin, and from no other.
    if os.environ.get("AWS_S3_CUSTOM_DOMAIN"):
        MEDIA_ORIGINS = ["https://" + os.environ["AWS_S3_CUSTOM_DOMAIN"]]
    elif AWS_S3_ENDPOINT_URL:
        scheme, _, host = AWS_S3_ENDPOINT_URL.split("/")[:3]
        # Path-style URLs use the endpoint's host, virtual-hosted ones the bucket's.
        MEDIA_ORIGINS = [
            f"{scheme}//{host}",
            f"{scheme}//{AWS_STORAGE_BUCKET_NAME}.{host}",
        ]
    else:
        MEDIA_ORIGINS = [f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"]
        if region := os.environ.get("AWS_S3_REGION_NAME"):
            MEDIA_ORIGINS.append(
                f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{region}.amazonaws.com"
            )
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] += MEDIA_ORIGINS
    ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] += MEDIA_ORIGINS
