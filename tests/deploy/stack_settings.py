"""Production settings for tests/deploy/test_cache_stack.py, with one change: static
files come from the apps' folders (no collectstatic before the test)."""

from lantana.settings.production import *  # noqa: F403

STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
WHITENOISE_USE_FINDERS = True
