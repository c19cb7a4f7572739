from wagtail import hooks
from wagtail.permissions import register_permission_policy

from . import audit
from .bulk_actions import BULK_ACTIONS
from .models import ChatRequest, Inquiry
from .permissions import LeadPermissionPolicy
from .viewsets import LeadsDashboardPanel, LeadViewSetGroup, can_work_leads

register_permission_policy(Inquiry, LeadPermissionPolicy(Inquiry), exact_class=True)
register_permission_policy(
    ChatRequest, LeadPermissionPolicy(ChatRequest), exact_class=True
)


@hooks.register("register_admin_viewset")
def register_lead_desk():
    return LeadViewSetGroup()


@hooks.register("register_log_actions")
def register_lead_log_actions(actions):
    audit.register_log_actions(actions)


@hooks.register("construct_homepage_panels")
def add_lead_desk_panel(request, panels):
    if can_work_leads(request.user, Inquiry, "view"):
        panels.append(LeadsDashboardPanel())


for action_class in BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class)
