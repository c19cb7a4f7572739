"""Who may see leads: the "Lead reviewers" group, and superusers for deletion."""

from django.contrib.contenttypes.models import ContentType
from wagtail.permissions import ModelPermissionPolicy

LEAD_REVIEWERS = "Lead reviewers"
# (app_label, codename) pairs the group holds. Never "delete": that is for superusers.
LEAD_REVIEWER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("contact", "view_lead"),
    ("contact", "change_lead"),
    # The live chat's canned replies (Snippets; migration 0108).
    ("contact", "add_cannedreply"),
    ("contact", "change_cannedreply"),
    ("contact", "delete_cannedreply"),
]


class LeadPermissionPolicy(ModelPermissionPolicy):
    """Leads arrive only through the public forms and only superusers delete them,
    whatever permissions a group has been given by hand."""

    @property
    def _content_type(self):
        # Not cached on the instance as Wagtail does: the policy lives for the whole
        # process, and a content type re-created under a new id (a test database
        # flush) must not leave it filtering by the old one. get_for_model caches.
        return ContentType.objects.get_for_model(self.auth_model)

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


def grant_lead_reviewer_permissions(group, permission_model) -> None:
    """Give `group` the lead reviewer permissions."""
    for app_label, codename in LEAD_REVIEWER_PERMISSIONS:
        permission = permission_model.objects.get(
            content_type__app_label=app_label, codename=codename
        )
        group.permissions.add(permission)


def get_lead_reviewers_group():
    """The group, recreated if a test flushed the database."""
    from django.contrib.auth.models import Group, Permission

    group, created = Group.objects.get_or_create(name=LEAD_REVIEWERS)
    if created or not group.permissions.exists():
        grant_lead_reviewer_permissions(group, Permission)
    return group
