"""Who may see leads: the "Lead reviewers" group, and superusers for deletion."""

from django.contrib.auth.models import Group
from wagtail.permissions import ModelPermissionPolicy

LEAD_REVIEWERS = "Lead reviewers"


class LeadPermissionPolicy(ModelPermissionPolicy):
    """Leads arrive only through the public forms and only superusers delete them,
    whatever permissions a group has been given by hand."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        if action == "delete":
            return bool(user.is_active and user.is_superuser)
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        superusers = get_user_model().objects.filter(is_active=True, is_superuser=True)
        others = [action for action in actions if action not in {"add", "delete"}]
        if not others:
            return superusers if "delete" in actions else superusers.none()
        return super().users_with_any_permission(others)


def get_lead_reviewers_group() -> Group:
    """The group migration 0102 made (0108 widened its permissions)."""
    return Group.objects.get(name=LEAD_REVIEWERS)
