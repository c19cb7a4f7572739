from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lantana.core"
    label = "core"
    verbose_name = "Site"

    def ready(self):
        from django.core import checks

        from .stylesheet import check_site_stylesheet

        checks.register(check_site_stylesheet)
