from django.apps import AppConfig


class ContactConfig(AppConfig):
    name = "contact"
    verbose_name = "Leads"

    def ready(self):
        from .chat import revocation  # noqa: F401  (connects the signal receivers)
