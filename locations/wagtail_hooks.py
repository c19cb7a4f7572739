from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .views import CredentialViewSet, ExpiringCredentialsPanel

register_snippet(CredentialViewSet)


@hooks.register("construct_homepage_panels")
def add_expiring_credentials_panel(request, panels):
    if request.user.has_perm("locations.change_credential"):
        panels.append(ExpiringCredentialsPanel())
