"""Bulk actions on the inbox: set status, assign, mark spam / not spam.

Each action checks the lead permissions itself, since Wagtail's bulk-action URL
is shared by every model. "Select all leads in listing" acts on exactly the rows
the listing shows for its filters and search (filters.leads_in_listing); ids that
no longer match a lead make the whole action refuse, so a stale selection changes
nothing. Each lead is saved with only the fields the action changes, and logs one
change entry.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.functional import classproperty
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.permissions import policy_registry

from .. import audit
from ..choices import LeadStatus
from ..models import Lead
from ..services import enqueue_notification
from .filters import leads_in_listing


class LeadBulkAction(BulkAction):
    template_name = "contact/admin/bulk_action.html"
    action_priority = 50
    confirm_text = ""

    @classproperty
    def models(cls):
        return [Lead]

    @property
    def permission_policy(self):
        return policy_registry.get_by_type(Lead)

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        ids = {str(value) for value in object_ids}
        if not ids or not all(value.isdigit() for value in ids):
            raise Http404  # hand-edited ids: 404, not a database error
        leads = list(
            Lead.objects.filter(pk__in=[int(value) for value in ids]).select_related(
                "assignee"
            )
        )
        if len(leads) != len(ids):
            raise Http404  # some are gone or never existed: change none of them
        return leads

    def get_all_objects_in_listing_query(self, parent_id):
        return [
            str(pk)
            for pk in leads_in_listing(self.request).values_list("pk", flat=True)
        ]

    def object_context(self, obj):
        return {"item": obj}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "action_label": self.display_name,
            "confirm_text": self.confirm_text,
        }

    def get_execution_context(self):
        return {"user": self.request.user, "changes": self.get_changes()}

    def get_changes(self) -> dict:
        return {}

    @classmethod
    def execute_action(cls, objects, user=None, changes=None):
        now = timezone.now()
        for lead in objects:
            before = audit.snapshot(lead)
            for field, value in changes.items():
                setattr(lead, field, value)
            lead.last_activity_at = now
            lead.sync_closed_at(now=now)
            # Only these columns: a whole-row save could undo a notified_at the
            # notification worker set meanwhile, and mail intake twice.
            lead.save(update_fields=[*changes, "last_activity_at", "closed_at"])
            audit.log_change(lead, user, before)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"{self.display_name}: done for {num_parent_objects} lead(s)."


class SetStatusForm(forms.Form):
    status = forms.ChoiceField(choices=LeadStatus.choices)


class SetStatusBulkAction(LeadBulkAction):
    display_name = "Set status"
    action_type = "lead_set_status"
    aria_label = "Set the status of the selected leads"
    form_class = SetStatusForm
    action_priority = 10

    def get_changes(self):
        return {"status": self.cleaned_form.cleaned_data["status"]}


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="Nobody (unassign)"
    )

    def __init__(self, *args, policy=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = policy.users_with_permission(
            "change"
        ).order_by("username")


class AssignBulkAction(LeadBulkAction):
    display_name = "Assign"
    action_type = "lead_assign"
    aria_label = "Assign the selected leads"
    form_class = AssignForm
    action_priority = 20

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "policy": self.permission_policy}

    def get_changes(self):
        return {"assignee": self.cleaned_form.cleaned_data["assignee"]}


class MarkSpamBulkAction(LeadBulkAction):
    display_name = "Mark as spam"
    action_type = "lead_mark_spam"
    aria_label = "Quarantine the selected leads as spam"
    confirm_text = "They will be hidden from the inbox and purged with closed leads."
    action_priority = 30

    def get_changes(self):
        return {"is_spam": True, "spam_reason": "marked by staff"}


class MarkNotSpamBulkAction(LeadBulkAction):
    display_name = "Not spam"
    action_type = "lead_mark_not_spam"
    aria_label = "Return the selected leads to the inbox"
    confirm_text = "They return to the inbox, and intake is notified of any never sent."
    action_priority = 40

    def get_changes(self):
        return {"is_spam": False, "spam_reason": ""}

    @classmethod
    def execute_action(cls, objects, user=None, changes=None):
        count = super().execute_action(objects, user=user, changes=changes)
        for lead in objects:
            # The notification it missed while in quarantine, sent once the change is
            # committed; the task skips leads that were already notified.
            transaction.on_commit(
                lambda pk=lead.pk: enqueue_notification(pk), robust=True
            )
        return count


BULK_ACTIONS = [
    SetStatusBulkAction,
    AssignBulkAction,
    MarkSpamBulkAction,
    MarkNotSpamBulkAction,
]
