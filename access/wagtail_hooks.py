from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from . import audit, privacy, views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("access/verify/", views.VerifyView.as_view(), name="access_verify"),
        path("access/enrol/", views.EnrolView.as_view(), name="access_enrol"),
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


@hooks.register("before_serve_page")
def second_step_for_private_pages(page, request, serve_args, serve_kwargs):
    return privacy.second_step_for(request, page.get_view_restrictions())


@hooks.register("before_serve_document")
def second_step_for_private_documents(document, request):
    return privacy.second_step_for(
        request, document.collection.get_view_restrictions()
    )
