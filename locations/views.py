"""Credentials in the admin: a snippet list with each one's expiry, and a
dashboard panel naming those expiring within 60 days."""

import datetime
import io

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone
from django.views.defaults import permission_denied
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet

from .credentials import WARNING_DAYS, Credential
from .exports import write_locator_csv
from .models import LocationPage

# Who may download the facts for the national survey: whoever may edit locations.
LOCATOR_EXPORT_PERMISSION = "locations.change_locationpage"


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


def locator_facts_csv(request):
    """The locations' facts with their locator codes, as CSV (locations/exports.py).
    Refused with a plain 403: Wagtail would turn a PermissionDenied raised here
    into a redirect to the dashboard, a 302 a script reads as success."""
    if not request.user.has_perm(LOCATOR_EXPORT_PERMISSION):
        return permission_denied(request, PermissionDenied())
    locations = (
        LocationPage.objects.live()
        .order_by("path")
        .prefetch_related("insurers_accepted")
    )
    stream = io.StringIO()
    write_locator_csv(stream, locations)
    response = HttpResponse(stream.getvalue(), content_type="text/csv; charset=utf-8")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="locator-facts-{day}.csv"'
    return response
