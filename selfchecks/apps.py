from django.apps import AppConfig


class SelfChecksConfig(AppConfig):
    name = "selfchecks"
    verbose_name = "Self-checks"
