from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "lantana.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from . import checks, signals  # noqa: F401  (the deploy check, the purges)
