from django.apps import AppConfig


class AccessConfig(AppConfig):
    """Staff access: two-step sign-in, lockout, short sessions, the sign-in audit."""

    name = "access"
    verbose_name = "Staff access"

    def ready(self):
        from . import audit  # noqa: F401  (connects the sign-in signal receivers)
