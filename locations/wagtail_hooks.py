from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from .views import (
    LOCATOR_EXPORT_PERMISSION,
    CredentialViewSet,
    ExpiringCredentialsPanel,
    locator_facts_csv,
)

register_snippet(CredentialViewSet)


@hooks.register("construct_homepage_panels")
def add_expiring_credentials_panel(request, panels):
    if request.user.has_perm("locations.change_credential"):
        panels.append(ExpiringCredentialsPanel())


@hooks.register("register_admin_urls")
def register_locator_facts_url():
    return [
        path("locator-facts.csv", locator_facts_csv, name="locations_locator_facts")
    ]


class LocatorFactsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(LOCATOR_EXPORT_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_locator_facts_menu_item():
    return LocatorFactsMenuItem(
        "Locator facts (CSV)",
        reverse("locations_locator_facts"),
        icon_name="download",
        order=900,
    )
