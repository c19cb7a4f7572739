"""Credentials in the admin: a snippet list with each one's expiry, and a
dashboard panel naming those expiring within 60 days."""

import datetime

from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet

from .credentials import WARNING_DAYS, Credential


class ExpiryColumn(Column):
    def get_value(self, instance):
        left = (instance.expires_on - timezone.localdate()).days
        if left < 0:
            return f"Expired {instance.expires_on:%b %-d, %Y} (hidden)"
        return f"{instance.expires_on:%b %-d, %Y} ({left} days left)"


class CredentialViewSet(SnippetViewSet):
    model = Credential
    icon = "success"
    menu_label = "Credentials"
    list_display = ["__str__", "kind", "status", ExpiryColumn("expires_on")]
    list_filter = ["kind", "status"]
    ordering = ["expires_on"]


class ExpiringCredentialsPanel(Component):
    name = "expiring_credentials"
    template_name = "locations/admin/expiring_credentials_panel.html"
    order = 90

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        credentials = Credential.objects.filter(
            expires_on__lte=today + datetime.timedelta(days=max(WARNING_DAYS))
        ).order_by("expires_on")
        return {
            "credentials": [(c, (c.expires_on - today).days) for c in credentials[:20]]
        }
