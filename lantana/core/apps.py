from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lantana.core"
    label = "core"
    verbose_name = "Site"

    def ready(self):
        from django.core import checks

        from . import catalogues
        from .inline import check_inline_assets

        checks.register(check_inline_assets)
        catalogues.install()
