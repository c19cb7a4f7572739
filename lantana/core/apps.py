from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lantana.core"
    label = "core"
    verbose_name = "Site"

    def ready(self):
        from . import site_cache

        site_cache.connect_signals()
