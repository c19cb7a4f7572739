"""The one lead inbox, as a Wagtail ModelViewSet at /admin/leads/."""

from django.urls import path
from django.utils.functional import cached_property
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from ..insurers import Insurer
from ..models import Lead
from .components import LeadsMenuItem
from .filters import LeadFilterSet
from .views import (
    AddNoteView,
    LeadDeleteView,
    LeadEditView,
    LeadHistoryView,
    LeadIndexView,
    LeadInspectView,
    LeadWorkForm,
    RecordRevocationView,
)


class LeadViewSet(ModelViewSet):
    model = Lead
    name = "leads"
    url_prefix = "leads"
    icon = "mail"
    menu_label = "Leads"
    menu_order = 150
    add_to_admin_menu = True
    menu_item_class = LeadsMenuItem

    index_view_class = LeadIndexView
    inspect_view_class = LeadInspectView
    edit_view_class = LeadEditView
    delete_view_class = LeadDeleteView
    history_view_class = LeadHistoryView
    filterset_class = LeadFilterSet
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    list_per_page = 25
    search_backend_name = None
    search_fields = ["preferred_name", "email", "phone"]
    export_filename = "lantana-leads"
    list_export = [
        "reference",
        "get_kind_display",
        "received_at",
        "get_status_display",
        "is_urgent",
        "preferred_name",
        "email_if_permitted",
        "phone_if_permitted",
        "get_preferred_method_display",
        "get_preferred_time_display",
        "voicemail_ok",
        "email_ok",
        "get_allowed_channels_display",
        "get_revocations_display",
        "consent_version",
        "get_lead_for_display",
        "get_language_display",
        "location",
        "message",
        "first_message",
        "best_time",
        "insurer",
        "insurer_plan",
        "get_plan_type_display",
        "due_on",
        "source_path",
        "utm_source",
        "utm_medium",
        "utm_campaign",
        "assignee",
    ]
    export_headings = {
        "get_kind_display": "Kind",
        "get_status_display": "Status",
        "phone_if_permitted": "Phone",
        "email_if_permitted": "Email",
        "get_allowed_channels_display": "Channels allowed",
        "get_revocations_display": "Withdrawn since",
        "consent_version": "Consent wording",
        "get_preferred_method_display": "Preferred method",
        "get_preferred_time_display": "Preferred time",
        "get_lead_for_display": "Who it is for",
        "get_language_display": "Language",
        "first_message": "Chat: what they would like to talk about",
        "best_time": "Chat: best time to reach them",
        "insurer": "Insurance check: insurer",
        "insurer_plan": "Insurance check: plan",
        "get_plan_type_display": "Insurance check: kind of plan",
        "due_on": "Answer due by",
    }
    # Never exported (contact/kinds.py `inbox_only`): the member number and date
    # of birth an insurance check may carry. tests/contact/test_costs.py holds it.

    def get_common_view_kwargs(self, **kwargs):
        # Leads arrive only through the public forms, and have no "usage".
        return super().get_common_view_kwargs(
            add_url_name=None, usage_url_name=None, **kwargs
        )

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            add_note_url_name=self.get_url_name("add_note"),
            revoke_url_name=self.get_url_name("revoke"),
            **kwargs,
        )

    def get_form_class(self, for_update=False):
        return LeadWorkForm

    @cached_property
    def revoke_view(self):
        return RecordRevocationView.as_view(
            inspect_url_name=self.get_url_name("inspect")
        )

    @cached_property
    def add_note_view(self):
        return AddNoteView.as_view(inspect_url_name=self.get_url_name("inspect"))

    def get_urlpatterns(self):
        patterns = [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name not in {"add", "usage"}
        ]
        return [
            *patterns,
            path("notes/<int:pk>/", self.add_note_view, name="add_note"),
            path("revoke/<int:pk>/", self.revoke_view, name="revoke"),
        ]


class InsurerViewSet(SnippetViewSet):
    """Snippets → Insurers: the list location pages tick and the insurance check
    offers."""

    model = Insurer
    icon = "form"
    menu_label = "Insurers"
    list_display = ["name", "sort_order"]
    search_fields = ["name"]
