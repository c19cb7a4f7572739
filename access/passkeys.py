"""Passkeys (django-otp-webauthn) as a second step beside the authenticator app.

A passkey is added only from a fully signed-in session (never to set up an account
that has no second step: that takes a set-up link and the app, access/enrolment.py).
Signing in with one counts, and is audited and locked out, like a code.
"""

from django.conf import settings
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from django_otp_webauthn import exceptions
from django_otp_webauthn import views as webauthn
from django_otp_webauthn.models import WebAuthnCredential

from lantana.core.middleware import permissions_policy

from . import audit, lockout

# What the sign-in and passkey pages let the browser do; every other page denies it.
PASSKEY_FEATURES = ("publickey-credentials-get", "publickey-credentials-create")


def allow_passkeys(response):
    features = dict(getattr(settings, "PERMISSIONS_POLICY", {}))
    features.update({feature: ["self"] for feature in PASSKEY_FEATURES})
    response.headers["Permissions-Policy"] = permissions_policy(features)
    return response


def has_passkey(user) -> bool:
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()


class VerifiedOnlyRegistration:
    """A passkey is added by someone who has already passed the second step."""

    def check_can_register(self):
        super().check_can_register()
        if not self.request.user.is_verified():
            raise exceptions.NotVerified(
                detail="Sign in with your authenticator app first, then add a passkey."
            )


class BeginRegistrationView(
    VerifiedOnlyRegistration, webauthn.BeginCredentialRegistrationView
):
    pass


class CompleteRegistrationView(
    VerifiedOnlyRegistration, webauthn.CompleteCredentialRegistrationView
):
    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        audit.log_passkey_added(self.request.user)
        return response

    def handle_exception(self, exc):
        if isinstance(exc, exceptions.OTPWebAuthnApiError):
            if self.request.user.is_authenticated:
                audit.log_passkey_refused(self.request.user, exc.code)
        return super().handle_exception(exc)


class BeginAuthenticationView(webauthn.BeginCredentialAuthenticationView):
    def check_can_authenticate(self):
        user = self.get_user()
        if user is None:  # passwords come first: no passkey-only sign-in
            raise exceptions.NotAuthenticated()
        if lockout.is_locked(self.request, user):
            raise TooManyAttempts()
        super().check_can_authenticate()


class CompleteAuthenticationView(webauthn.CompleteCredentialAuthenticationView):
    """The second step by passkey: the same audit entry, failure count and lockout
    as a code typed on the verify page."""

    def check_can_authenticate(self):
        user = self.get_user()
        if user is None:
            raise exceptions.NotAuthenticated()
        if lockout.is_locked(self.request, user):
            raise TooManyAttempts()
        super().check_can_authenticate()

    def complete_auth(self, device):
        super().complete_auth(device)
        lockout.reset_failures(self.request, self.request.user)
        audit.log_sign_in(self.request.user)

    def handle_exception(self, exc):
        user = self.request.user
        if (
            isinstance(exc, exceptions.OTPWebAuthnApiError)
            and not isinstance(exc, TooManyAttempts | exceptions.NotAuthenticated)
            and user.is_authenticated
        ):
            audit.log_passkey_refused(user, exc.code)
            lockout.record_failure(self.request, user)
        return super().handle_exception(exc)


class TooManyAttempts(exceptions.OTPWebAuthnApiError):
    status_code = 429
    default_detail = "Too many failed attempts. Wait a few minutes, or call the clinic."
    default_code = "locked_out"


@method_decorator(never_cache, name="dispatch")
class PasskeysView(TemplateView):
    """A signed-in member's passkeys, and the button to add one."""

    template_name = "access/passkeys.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = "Passkeys"
        context["passkeys"] = WebAuthnCredential.objects.filter(
            user=self.request.user, confirmed=True
        ).order_by("created_at")
        return context

    def render_to_response(self, context, **response_kwargs):
        return allow_passkeys(super().render_to_response(context, **response_kwargs))
