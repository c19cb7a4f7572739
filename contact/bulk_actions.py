"""Bulk actions on the lead inbox: set status, assign, mark spam / not spam.

Each action checks the lead permissions itself, since Wagtail's bulk-action URL
is shared by every model, and logs one change entry per lead it touches.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils.functional import classproperty
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.permissions import policy_registry

from . import audit
from .choices import LeadStatus
from .models import ChatRequest, Inquiry
from .services import enqueue_notification


class LeadBulkAction(BulkAction):
    template_name = "contact/admin/bulk_action.html"
    action_priority = 50
    confirm_text = ""

    @classproperty
    def models(cls):
        return [Inquiry, ChatRequest]

    @property
    def permission_policy(self):
        return policy_registry.get_by_type(self.model)

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        # Hand-edited ids answer 404, not a database error.
        ids = [value for value in object_ids if str(value).isdigit()]
        leads = list(model.objects.filter(pk__in=ids).select_related("assignee"))
        if not leads:
            raise Http404
        return leads

    def get_all_objects_in_listing_query(self, parent_id):
        return self.model.objects.filter(is_spam=False).values_list("pk", flat=True)

    def object_context(self, obj):
        return {"item": obj}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "action_label": self.display_name,
            "confirm_text": self.confirm_text,
        }

    def get_execution_context(self):
        return {"user": self.request.user, **self.get_changes()}

    def get_changes(self) -> dict:
        return {}

    @classmethod
    def apply(cls, lead, **changes) -> None:
        for field, value in changes.items():
            setattr(lead, field, value)

    @classmethod
    def execute_action(cls, objects, user=None, **changes):
        for lead in objects:
            before = audit.snapshot(lead)
            cls.apply(lead, **changes)
            lead.save()
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
    def execute_action(cls, objects, user=None, **changes):
        count = super().execute_action(objects, user=user, **changes)
        for lead in objects:
            # The notification it missed while in quarantine, sent once the change is
            # committed; the task skips leads that were already notified.
            transaction.on_commit(
                lambda kind=lead.kind, pk=lead.pk: enqueue_notification(kind, pk),
                robust=True,
            )
        return count


BULK_ACTIONS = [
    SetStatusBulkAction,
    AssignBulkAction,
    MarkSpamBulkAction,
    MarkNotSpamBulkAction,
]
