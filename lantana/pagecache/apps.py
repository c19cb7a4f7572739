from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "lantana.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from . import signals  # noqa: F401  (connects the purge triggers)
