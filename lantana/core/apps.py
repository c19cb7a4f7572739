from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lantana.core"
    label = "core"
    verbose_name = "Site"

    def ready(self):
        from django.core import checks

        from . import site_cache
        from .inline import check_inline_assets

        site_cache.connect_signals()
        checks.register(check_inline_assets)
