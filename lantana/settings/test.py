"""Fast and deterministic: no network, no real mail, tasks inline."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
# load_demo and the factories' home; never installed in production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
CACHES = {
    # Room for every rendition a test makes: culling the generation would cost
    # a query to read it again, and counted queries must not depend on luck.
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    },
    **KEPT_PARTS_CACHES,  # noqa: F405
}
# Off unless a test turns it on (tests/pagecache): most tests count queries or
# change rows directly and expect every GET to render.
PAGE_CACHE_SECONDS = 0
# Likewise the kept page parts (lantana/core/fragments.py): tests that want them on
# say so (tests/pagecache, tests/performance).
FRAGMENT_CACHE_SECONDS = 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, as make run uses, not Django's shared-cache memory database: the
    # browser tests' servers (uvicorn and its threads, pytest-django's live server)
    # open connections of their own, and shared-cache memory locks whole tables and
    # fails at once ("database table is locked") where a file's writer waits.
    # One file per run, so two runs at once never share it; Django deletes it after.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"lantana-test-{os.getpid()}.sqlite3")
    }
    # Nothing to keep after a crash: no waiting for the disk.
    DATABASES["default"]["OPTIONS"]["init_command"] = (  # noqa: F405
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF"
    )
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
LEAD_NOTIFY_EMAILS = ["intake@lantana.example"]
MEDIA_ROOT = BASE_DIR / "build" / "test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
# Serve static files straight from the finders: no collectstatic before tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# A few tests run load_demo: keep their logins away from the developer's.
DEMO_LOGIN_DIR = BASE_DIR / "build" / "test-logins"
# A fixed, public key: data encrypted under it is protected from nobody.
LEAD_ENCRYPTION_KEYS = LEAD_ENCRYPTION_KEYS or [DEV_LEAD_ENCRYPTION_KEY]  # noqa: F405
LEAD_BLIND_INDEX_KEY = LEAD_BLIND_INDEX_KEY or DEV_LEAD_BLIND_INDEX_KEY  # noqa: F405
# Browser tests set the live server's own origin (tests/browser/test_passkeys.py).
OTP_WEBAUTHN_RP_ID, OTP_WEBAUTHN_ALLOWED_ORIGINS = "localhost", ["http://localhost"]

# Tests that empty the database restore it from a serialized copy; wagtail-localize's
# own rows stay out of it: saving its locale synchronisation runs a tree sync that
# needs locales the restore has not reached yet. (Its data migration recreates
# nothing a transactional test needs.)
TEST_NON_SERIALIZED_APPS = ["wagtail_localize"]
