from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lantana.core"
    label = "core"
    verbose_name = "Site"
