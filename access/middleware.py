"""Every admin request needs a verified second step and a live staff session."""

from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django_otp import user_has_device

from .session import session_expired, touch_session

# What a password-only session may reach under /admin/: signing in and out, the
# second step itself, and the static bits those pages draw with.
UNVERIFIED_URL_NAMES = frozenset(
    {
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
        "access_verify",
        "access_enrol",
        "access_enrolment_link",
        # The passkey second step (access/passkeys.py); adding one needs a verified
        # session, which those views check themselves.
        "credential-authentication-begin",
        "credential-authentication-complete",
        "js-i18n-catalog",
    }
)


def is_admin_path(path: str) -> bool:
    return path.startswith(reverse("wagtailadmin_home"))


def second_step_redirect(request):
    """To the second step (or to enrolment), and back here afterwards."""
    step = "access_verify" if user_has_device(request.user) else "access_enrol"
    query = urlencode({"next": request.get_full_path()})
    response = redirect(f"{reverse(step)}?{query}")
    add_never_cache_headers(response)
    return response


class StaffSessionMiddleware:
    """Ends a signed-in session after STAFF_SESSION_IDLE_SECONDS idle or
    STAFF_SESSION_MAX_SECONDS in all, whatever "Remember me" asked for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = timezone.now()
            if session_expired(request.session, now):
                logout(request)  # flushes the session row, not just the cookie
                if is_admin_path(request.path_info):
                    return redirect_to_login(
                        request.get_full_path(), login_url=reverse("wagtailadmin_login")
                    )
            else:
                touch_session(request.session, now)
        return self.get_response(request)


class SecondFactorMiddleware:
    """Sends a password-only session to the second step (or to enrolment)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and is_admin_path(request.path_info)
            and self.url_name(request) not in UNVERIFIED_URL_NAMES
        ):
            return second_step_redirect(request)
        return self.get_response(request)

    @staticmethod
    def url_name(request):
        try:
            return resolve(request.path_info).url_name
        except Resolver404:
            return None
