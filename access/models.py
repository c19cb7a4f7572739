from django.conf import settings
from django.db import models


class EnrolmentLink(models.Model):
    """An administrator's one-time permission for one account to set up a second
    step (an authenticator app) when it has none: after a reset, or for new staff.

    The link carries a signed id and secret; only the secret's SHA-256 is stored,
    so a copy of the database cannot be turned back into a working link.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    secret_hash = models.CharField(max_length=64, editable=False)
    issued_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "two-step set-up link"

    def __str__(self):
        return f"Set-up link #{self.pk}"
