"""Private pages and documents need the same two-step sign-in as the admin.

Wagtail's "logged-in users" and "users in groups" privacy (pages, and document
collections) asks only whether someone is signed in; a password alone signs in.
Before Wagtail's own check, a signed-in but unverified session is sent to the
second step and back. Images have no privacy in Wagtail: their files are public
media, never served through a view, so keep nothing private in an image.

There is one sign-in form, the admin's: Wagtail's front-end sign-in
(/_util/login/) sends people to it, and so do private pages and documents
(WAGTAIL_FRONTEND_LOGIN_URL).
"""

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail import views as wagtail_views
from wagtail.documents.views import serve as document_views
from wagtail.models import BaseViewRestriction

from lantana.core.client_address import get_client_address

from . import lockout
from .middleware import second_step_redirect

PERSONAL_RESTRICTIONS = (BaseViewRestriction.LOGIN, BaseViewRestriction.GROUPS)


def second_step_for(request, restrictions):
    """The second-step redirect if a password-only session asks for content kept
    for signed-in people; None otherwise (Wagtail's own check decides)."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return None
    if any(r.restriction_type in PERSONAL_RESTRICTIONS for r in restrictions):
        return second_step_redirect(request)
    return None


def front_end_sign_in(request):
    """Wagtail's front-end sign-in, replaced by the admin's two-step one."""
    target = request.GET.get(REDIRECT_FIELD_NAME, "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    return redirect_to_login(target, login_url=reverse("wagtailadmin_login"))


# --- Shared passwords --------------------------------------------------------------
# Wagtail keeps a page's or collection's shared password in clear and takes six
# characters. Editors cannot choose one here (WAGTAIL_PRIVATE_PAGE_OPTIONS and
# WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS; access/migrations/0001 turned existing
# ones into "signed-in staff" privacy). One made in code still works, and its form
# is limited like the staff sign-in: AXES_FAILURE_LIMIT wrong passwords per address
# and restriction per AXES_COOLOFF_TIME, then every attempt is refused.


def password_failures_key(request, kind: str, restriction_id: int) -> str:
    return f"access:viewpw:{kind}:{restriction_id}:{get_client_address(request)}"


def password_form_limited(kind: str, view):
    """Wagtail's password view for `kind` ("page" or "document"), rate limited."""

    def limited(request, *args, **kwargs):
        restriction_id = kwargs.get("page_view_restriction_id") or kwargs.get(
            "restriction_id"
        )
        key = password_failures_key(request, kind, restriction_id)
        if request.method == "POST":
            if (cache.get(key) or 0) >= settings.AXES_FAILURE_LIMIT:
                return lockout.locked_out(request)
        response = view(request, *args, **kwargs)
        # Wagtail redirects once the password is right, and shows the form again
        # when it is wrong.
        if request.method == "POST" and response.status_code == 200:
            window = int(settings.AXES_COOLOFF_TIME.total_seconds())
            cache.add(key, 0, timeout=window)
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=window)
        return response

    return limited


authenticate_page_password = password_form_limited(
    "page", wagtail_views.authenticate_with_password
)
authenticate_document_password = password_form_limited(
    "document", document_views.authenticate_with_password
)
