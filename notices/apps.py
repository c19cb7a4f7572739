from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = "Notices"

    def ready(self):
        from lantana.core import site_cache

        from . import current  # also connects the signal receivers

        site_cache.also_read(current.chrome_names)
