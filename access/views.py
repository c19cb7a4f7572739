"""The second sign-in step, enrolment, recovery codes and device reset."""

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model, logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, View
from django_otp import devices_for_user, match_token, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.views.account import PasswordResetView as WagtailPasswordResetView

from . import audit, enrolment, lockout
from .forms import CODE_ERROR, CodeForm, EnrolForm
from .passkeys import allow_passkeys, has_passkey

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"

private = [sensitive_post_parameters(), never_cache]


def get_next_url(request) -> str:
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(
        REDIRECT_FIELD_NAME, ""
    )
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


class SecondStepView(FormView):
    """Shared by verification and enrolment: signed in with a password, not yet verified."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(
                get_next_url(request), login_url=reverse("wagtailadmin_login")
            )
        if request.user.is_verified():
            return redirect(get_next_url(request))
        if lockout.is_locked(request, request.user):
            return self.lock(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next"] = get_next_url(self.request)
        return context

    def refuse(self, form):
        """A wrong, reused or expired code: one message, one failure counted."""
        user = self.request.user
        lockout.record_failure(self.request, user)
        if lockout.is_locked(self.request, user):
            return self.lock(self.request)
        form.add_error("code", CODE_ERROR)
        return self.form_invalid(form)

    def lock(self, request):
        logout(request)
        return lockout.locked_out(request)

    def verified(self, device):
        otp_login(self.request, device)
        lockout.reset_failures(self.request, self.request.user)
        audit.log_sign_in(self.request.user)


@method_decorator(private, name="dispatch")
class VerifyView(SecondStepView):
    template_name = "access/verify.html"
    form_class = CodeForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not user_has_device(request.user):
            return redirect(f"{reverse('access_enrol')}?{request.GET.urlencode()}")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["has_passkey"] = has_passkey(self.request.user)
        return context

    def render_to_response(self, context, **response_kwargs):
        return allow_passkeys(super().render_to_response(context, **response_kwargs))

    def form_valid(self, form):
        device = match_token(self.request.user, form.cleaned_data["code"])
        if device is None:
            return self.refuse(form)
        self.verified(device)
        if isinstance(device, StaticDevice):
            left = device.token_set.count()
            messages.warning(
                self.request,
                f"You signed in with a recovery code; {left} left. "
                "Ask an administrator to reset your two-step sign-in if your phone is lost.",
            )
        return redirect(get_next_url(self.request))


@method_decorator(private, name="dispatch")
class EnrolView(SecondStepView):
    """First sign-in: pair an authenticator app, then show the recovery codes once."""

    template_name = "access/enrol.html"
    form_class = EnrolForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and user_has_device(request.user):
            return redirect(f"{reverse('access_verify')}?{request.GET.urlencode()}")
        if request.user.is_authenticated and not enrolment.has_grant(
            request.session, request.user
        ):
            # No trust on first use: a password alone never sets up a second step.
            return render(
                request,
                "access/enrol_needs_link.html",
                {"phone": lockout.clinic_phone(request)},
                status=403,
            )
        return super().dispatch(request, *args, **kwargs)

    def get_device(self) -> TOTPDevice:
        device = TOTPDevice.objects.filter(
            user=self.request.user, confirmed=False
        ).first()
        return device or TOTPDevice.objects.create(
            user=self.request.user, name=APP_DEVICE_NAME, confirmed=False
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        device = self.get_device()
        secret = base64.b32encode(device.bin_key).decode()
        context["secret"] = secret
        context["secret_groups"] = [secret[i : i + 4] for i in range(0, len(secret), 4)]
        context["qr_code"] = qr_data_url(device.config_url)
        return context

    def form_valid(self, form):
        device = self.get_device()
        if not device.verify_token(form.cleaned_data["code"]):
            return self.refuse(form)
        with transaction.atomic():
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = issue_recovery_codes(self.request.user)
        enrolment.use_grant(self.request.session)
        self.verified(device)
        audit.log_enrolment(self.request.user)
        response = render(
            self.request,
            "access/recovery_codes.html",
            {"codes": codes, "next": get_next_url(self.request)},
        )
        response["Cache-Control"] = "no-store"
        return response


def issue_recovery_codes(user) -> list[str]:
    """Replace any earlier recovery codes; the plain codes exist only in this response."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        [StaticToken(device=device, token=code) for code in codes]
    )
    return codes


def qr_data_url(text: str) -> str:
    """A QR code drawn here, as a data: URL an <img> can show under the admin CSP."""
    image = qrcode.make(
        text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2
    )
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@method_decorator(never_cache, name="dispatch")
class ResetDevicesView(View):
    """A superuser removes someone's app, passkeys and recovery codes, and is shown
    a set-up link to hand them: they enrol again with it."""

    template_name = "access/reset_devices.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        self.member = get_object_or_404(get_user_model(), pk=kwargs["user_id"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, user_id):
        devices = list(devices_for_user(self.member, confirmed=None))
        return render(
            request, self.template_name, {"member": self.member, "devices": devices}
        )

    def post(self, request, user_id):
        with transaction.atomic():
            for device in devices_for_user(self.member, confirmed=None):
                device.delete()
        audit.log_device_reset(self.member, by=request.user)
        return issued_link_response(request, self.member)


def issued_link_response(request, member):
    """Issue a set-up link for `member` and show it, once, to the administrator."""
    path = enrolment.issue_link(member, issued_by=request.user)
    audit.log_link_issued(member, by=request.user)
    response = render(
        request,
        "access/enrolment_link_issued.html",
        {
            "member": member,
            "url": enrolment.absolute_url(path),
            "hours": settings.ACCESS_ENROLMENT_LINK_HOURS,
            "page_title": "Two-step set-up link",
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@method_decorator(never_cache, name="dispatch")
class IssueEnrolmentLinkView(View):
    """A superuser issues a set-up link: for new staff, or after a reset."""

    template_name = "access/issue_enrolment_link.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        self.member = get_object_or_404(get_user_model(), pk=kwargs["user_id"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, user_id):
        return render(
            request,
            self.template_name,
            {
                "member": self.member,
                "has_device": user_has_device(self.member),
                "page_title": "Issue a two-step set-up link",
            },
        )

    def post(self, request, user_id):
        return issued_link_response(request, self.member)


@method_decorator(private, name="dispatch")
class EnrolmentLinkView(View):
    """Where a set-up link leads. GET only shows a button (mail scanners and link
    previews fetch links); the POST uses the link up and opens enrolment."""

    template_name = "access/enrolment_link.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(
                request.get_full_path(), login_url=reverse("wagtailadmin_login")
            )
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, token):
        return render(request, self.template_name, {"token": token})

    def post(self, request, token):
        user = request.user
        result = enrolment.redeem(token, user, has_device=user_has_device(user))
        if result.refusal:
            audit.log_link_refused(
                user, result.refusal, result.link.pk if result.link else None
            )
            status = 410 if result.refusal in {"used", "expired"} else 400
            return render(
                request,
                "access/enrolment_link_refused.html",
                {
                    "message": enrolment.REFUSALS[result.refusal],
                    "phone": lockout.clinic_phone(request),
                },
                status=status,
            )
        enrolment.grant(request.session, result.link)
        audit.log_link_used(user)
        return redirect("access_enrol")


class PasswordResetView(WagtailPasswordResetView):
    """Wagtail's reset form, limited per address and email like the sign-in form."""

    def post(self, request, *args, **kwargs):
        if not lockout.password_reset_allowed(request, request.POST.get("email", "")):
            return lockout.locked_out(request)
        return super().post(request, *args, **kwargs)
