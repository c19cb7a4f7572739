from django.urls import include, path, reverse
from django.views.i18n import JavaScriptCatalog
from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from . import audit, passkeys, privacy, views

# django-otp-webauthn's endpoints under its own namespace (its scripts reverse
# "otp_webauthn:…"), through our views: audited, locked out, verified-only adding.
PASSKEY_URLS = (
    [
        path(
            "registration/begin/",
            passkeys.BeginRegistrationView.as_view(),
            name="credential-registration-begin",
        ),
        path(
            "registration/complete/",
            passkeys.CompleteRegistrationView.as_view(),
            name="credential-registration-complete",
        ),
        path(
            "authentication/begin/",
            passkeys.BeginAuthenticationView.as_view(),
            name="credential-authentication-begin",
        ),
        path(
            "authentication/complete/",
            passkeys.CompleteAuthenticationView.as_view(),
            name="credential-authentication-complete",
        ),
        path(
            "jsi18n/",
            JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
            name="js-i18n-catalog",
        ),
    ],
    "otp_webauthn",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("access/verify/", views.VerifyView.as_view(), name="access_verify"),
        path("access/enrol/", views.EnrolView.as_view(), name="access_enrol"),
        path(
            "access/enrol/link/<str:token>/",
            views.EnrolmentLinkView.as_view(),
            name="access_enrolment_link",
        ),
        path(
            "access/passkeys/", passkeys.PasskeysView.as_view(), name="access_passkeys"
        ),
        path("access/passkeys/api/", include(PASSKEY_URLS)),
        path(
            "access/users/<int:user_id>/enrolment-link/",
            views.IssueEnrolmentLinkView.as_view(),
            name="access_issue_enrolment_link",
        ),
        path(
            "access/users/<int:user_id>/reset/",
            views.ResetDevicesView.as_view(),
            name="access_reset_devices",
        ),
    ]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    audit.register_actions(actions)


@hooks.register("register_user_listing_buttons")
def reset_devices_button(user, request_user):
    if request_user.is_superuser and user.pk != request_user.pk:
        yield ListingButton(
            "Reset two-step sign-in",
            reverse("access_reset_devices", args=[user.pk]),
            priority=60,
        )
        yield ListingButton(
            "Issue two-step set-up link",
            reverse("access_issue_enrolment_link", args=[user.pk]),
            priority=61,
        )


@hooks.register("register_account_menu_item")
def passkeys_menu_item(request):
    return {
        "url": reverse("access_passkeys"),
        "label": "Passkeys",
        "help_text": "Pass the second step of signing in with this device instead of a code.",
    }


@hooks.register("before_serve_page")
def second_step_for_private_pages(page, request, serve_args, serve_kwargs):
    return privacy.second_step_for(request, page.get_view_restrictions())


@hooks.register("before_serve_document")
def second_step_for_private_documents(document, request):
    return privacy.second_step_for(request, document.collection.get_view_restrictions())
