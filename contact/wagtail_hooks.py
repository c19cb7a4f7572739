from django.urls import path
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from . import audit
from .admin.bulk_actions import BULK_ACTIONS
from .admin.components import LeadsDashboardPanel, can_work_leads
from .admin.viewsets import InsurerViewSet, LeadViewSet
from .chat.admin import (
    CannedReplyViewSet,
    LiveChatView,
    SpeaksSpanishPanel,
    live_chat_menu_item,
)
from .models import Lead
from .permissions import LeadPermissionPolicy

register_permission_policy(Lead, LeadPermissionPolicy(Lead), exact_class=True)


@hooks.register("register_admin_viewset")
def register_lead_inbox():
    return LeadViewSet()


@hooks.register("register_admin_urls")
def register_live_chat_urls():
    return [path("chats/", LiveChatView.as_view(), name="contact_live_chat")]


@hooks.register("register_admin_menu_item")
def register_live_chat_menu_item():
    return live_chat_menu_item()


register_snippet(CannedReplyViewSet)
register_snippet(InsurerViewSet)


@hooks.register("register_log_actions")
def register_lead_log_actions(actions):
    audit.register_log_actions(actions)


@hooks.register("construct_homepage_panels")
def add_lead_desk_panel(request, panels):
    if can_work_leads(request.user, "view"):
        panels.append(LeadsDashboardPanel())


for action_class in BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class)


@hooks.register("register_account_settings_panel")
def register_speaks_spanish_panel(request, user, profile):
    return SpeaksSpanishPanel(request, user, profile)
