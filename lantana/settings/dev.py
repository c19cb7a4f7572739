from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)  # noqa: F405
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-used-in-production"  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Template and code changes show at once; PAGE_CACHE_SECONDS=300 to try the cache.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0)  # noqa: F405
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 0)  # noqa: F405
# make run serves on 127.0.0.1:$PORT: the chat sockets accept pages from there.
CHAT_ALLOWED_ORIGINS = [  # noqa: F405
    *CHAT_ALLOWED_ORIGINS,  # noqa: F405
    f"http://127.0.0.1:{os.environ.get('PORT', '8000')}",  # noqa: F405
    f"http://localhost:{os.environ.get('PORT', '8000')}",  # noqa: F405
]
