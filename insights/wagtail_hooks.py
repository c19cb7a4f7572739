from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


class InsightsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_see_insights(request.user)


@hooks.register("register_admin_urls")
def register_insights_urls():
    return [
        path("insights/", admin_views.dashboard, name="insights_dashboard"),
        path(
            "insights/page/<int:page_id>/",
            admin_views.page_panel,
            name="insights_page_panel",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_insights_menu_item():
    return InsightsMenuItem(
        "Insights", reverse("insights_dashboard"), icon_name="view", order=160
    )


@hooks.register("insert_editor_js")
def insights_editor_panel():
    # Fetches the panel for the page being edited; shows nothing without permission.
    return format_html(
        '<script src="{}" data-panel="{}" defer></script>',
        static("insights/js/editor-panel.js"),
        reverse("insights_page_panel", args=[0]),
    )
