"""The lead desk: where intake staff review, triage and export leads in the admin.

Registered in wagtail_hooks.py. Only the "Lead reviewers" group (and superusers)
get past the permission checks; see contact/permissions.py.
"""

import re
from datetime import datetime, timedelta

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import linebreaksbr
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.views import View
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import Button
from wagtail.models import ModelLogEntry
from wagtail.permissions import policy_registry

from lantana.core.models import LocationPage

from . import audit
from .choices import LeadFor, LeadStatus
from .models import ChatRequest, Inquiry, LeadNote

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LEAD_MODELS = (Inquiry, ChatRequest)


def can_work_leads(user, model=Inquiry, action: str = "change") -> bool:
    return policy_registry.get_by_type(model).user_has_permission(user, action)


def new_leads(model):
    return model.objects.filter(status=LeadStatus.NEW, is_spam=False)


def age(moment) -> str:
    """ "2 hours ago", shortened to its largest unit."""
    if timezone.now() - moment < timedelta(minutes=1):
        return "just now"
    return timesince(moment, timezone.now(), depth=1) + " ago"


# 1. Filters


class LeadFilterSet(WagtailFilterSet):
    urgency = django_filters.ChoiceFilter(
        label="Urgency",
        choices=[("urgent", "Urgent"), ("routine", "Not urgent")],
        method="filter_urgency",
        empty_label="Any",
    )
    status = django_filters.ChoiceFilter(
        choices=LeadStatus.choices, empty_label="Any status"
    )
    lead_for = django_filters.ChoiceFilter(
        label="Who it is for", choices=LeadFor.choices, empty_label="Anyone"
    )
    location = django_filters.ModelChoiceFilter(
        queryset=LocationPage.objects.order_by("title"), empty_label="Any location"
    )
    received_at = django_filters.DateFromToRangeFilter(
        label="Received", widget=DateRangePickerWidget
    )
    assigned = django_filters.ChoiceFilter(
        label="Assigned",
        choices=[("me", "Assigned to me"), ("nobody", "Unassigned")],
        method="filter_assigned",
        empty_label="Anyone or nobody",
    )
    spam = django_filters.ChoiceFilter(
        label="Quarantined spam",
        choices=[("include", "Show with the rest"), ("only", "Show only spam")],
        method="filter_spam",
        empty_label="Hidden",
    )

    class Meta:
        fields = ["urgency", "status", "lead_for", "location", "received_at"]

    def filter_urgency(self, queryset, name, value):
        return queryset.filter(is_urgent=(value == "urgent"))

    def filter_assigned(self, queryset, name, value):
        if value == "me":
            return queryset.filter(assignee=self.request.user)
        return queryset.filter(assignee__isnull=True)

    def filter_spam(self, queryset, name, value):
        if value == "only":
            return queryset.filter(is_spam=True)
        return queryset


# 2. The inbox


class LeadIndexView(generic.IndexView):
    template_name = "contact/admin/lead_index.html"
    default_ordering = ["-is_urgent", "-received_at"]
    search_fields = ["preferred_name", "email", "phone"]
    search_backend_name = None  # plain ORM filtering: leads never enter a search index

    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("location", "assignee")
        if self.spam_filter not in {"include", "only"}:
            queryset = queryset.filter(is_spam=False)
        return queryset

    @cached_property
    def spam_filter(self) -> str:
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data.get("spam") or ""
        return ""

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        matches = super().search_queryset(queryset)
        digits = re.sub(r"\D", "", self.search_query)
        if len(digits) >= 4:
            # Phones are stored as +18435550134; let "(843) 555-0134" find them.
            matches = matches | queryset.filter(phone__contains=digits[-10:])
        return matches

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="lead"),
            self._get_title_column(
                "__str__",
                column_class=TitleColumn,
                get_title_id=lambda lead: f"lead_{quote(lead.pk)}_title",
            ),
            Column("received_at", label="Received", accessor=received_with_age),
            Column("kind", label="Kind", accessor=kind),
            Column("preferred_contact", label="Preferred contact", accessor=contact),
            Column("location", label="Location", accessor=location_name),
            Column("status", label="Status", accessor=status_with_flags),
            Column("assignee", label="Assignee", accessor=assignee_name),
        ]

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The number opens the lead itself, not the status form.
        column_class = self._get_title_column_class(column_class)
        return column_class(
            "number",
            label="Number",
            accessor=str,
            get_url=self.get_inspect_url,
            **kwargs,
        )

    # Export: formula-safe cells, and an audit entry per export.

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            if export_format == self.FORMAT_CSV:
                return "'" + value
        return value

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format):
            if isinstance(cell.value, str):
                cell.data_type = "s"
                if cell.value.startswith(FORMULA_STARTS):
                    cell.quotePrefix = True  # stays text even when edited in Excel
            yield cell

    def render_to_response(self, context, **response_kwargs):
        if self.is_export:
            audit.log_export(
                self.model,
                self.request.user,
                self.request.GET.get("export"),
                rows=context["object_list"].count(),
                filters=self.active_filter_names(),
            )
        return super().render_to_response(context, **response_kwargs)

    def active_filter_names(self) -> list[str]:
        names = []
        if self.filters and self.filters.is_valid():
            names = list(self.filters.form.changed_data)
        if self.is_searching:
            names.append("search")
        return names


def received_with_age(lead) -> str:
    local = timezone.localtime(lead.received_at)
    return f"{local:%b %-d, %-I:%M %p} ({age(lead.received_at)})"


def kind(lead) -> str:
    return f"{lead.kind_label} · for {lead.get_lead_for_display().lower()}"


def contact(lead) -> str:
    return f"{lead.get_preferred_method_display()}, {lead.get_preferred_time_display()}"


def location_name(lead) -> str:
    return lead.location.title if lead.location_id else "—"


def status_with_flags(lead) -> str:
    flags = [lead.get_status_display()]
    if lead.is_urgent:
        flags.append("URGENT")
    if lead.is_spam:
        flags.append("spam")
    return " · ".join(flags)


def assignee_name(lead) -> str:
    if not lead.assignee_id:
        return "Unassigned"
    return lead.assignee.get_full_name() or lead.assignee.get_username()


# 3. One lead: everything the visitor sent, its timeline and notes


class NoteForm(forms.ModelForm):
    class Meta:
        model = LeadNote
        fields = ["text"]
        labels = {"text": "Add a note"}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


# Triage first, then what the visitor sent; fields added later go at the end.
FIELD_ORDER = [
    "received_at",
    "reference",
    "status",
    "assignee",
    "is_urgent",
    "preferred_name",
    "email",
    "phone",
    "preferred_method",
    "preferred_time",
    "voicemail_ok",
    "email_ok",
    "lead_for",
    "location",
    "first_message",
    "best_time",
    "message",
    "consent",
    "source_path",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "is_spam",
    "spam_reason",
    "notified_at",
]
FIELD_LABELS = {
    "received_at": "Received",
    "source_path": "Sent from page",
    "utm_source": "Campaign source (utm_source)",
    "utm_medium": "Campaign medium (utm_medium)",
    "utm_campaign": "Campaign name (utm_campaign)",
    "is_urgent": "Urgent",
    "is_spam": "Quarantined as spam",
    "notified_at": "Intake notified at",
}


class LeadInspectView(generic.InspectView):
    template_name = "contact/admin/lead_inspect.html"
    history_url_name = None
    add_note_url_name = None

    def get(self, request, *args, **kwargs):
        audit.log_view(self.object, request.user)
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return str(self.object)

    def get_page_subtitle(self):
        return f"received {age(self.object.received_at)}"

    def get_object(self, queryset=None):
        return get_object_or_404(
            self.model.objects.select_related("location", "assignee"), pk=self.pk
        )

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        buttons.append(
            Button(
                "History",
                url=reverse(self.history_url_name, args=[self.object.pk]),
                icon_name="history",
                priority=30,
            )
        )
        return buttons

    def get_field_label(self, field_name, field):
        return FIELD_LABELS.get(field_name) or super().get_field_label(
            field_name, field
        )

    def get_fields(self):
        fields = super().get_fields()
        rank = {name: index for index, name in enumerate(FIELD_ORDER)}
        return sorted(fields, key=lambda name: rank.get(name, len(rank)))

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, datetime):
            local = timezone.localtime(value)
            return f"{local:%b %-d, %Y, %-I:%M %p} ({age(value)})"
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if value in (None, ""):
            return "—"
        return value

    def get_message_display_value(self):
        return linebreaksbr(self.object.message, autoescape=True) or "—"

    def get_source_path_display_value(self):
        source = self.object.source_path
        # Only a path on our own site becomes a link; anything else is shown as text.
        if source.startswith("/") and not source.startswith("//"):
            return format_html('<a href="{}">{}</a>', source, source)
        return source or "—"

    def get_timeline(self) -> list[dict]:
        notes = [
            {"when": note.created_at, "who": note.author, "note": note}
            for note in LeadNote.objects.filter(
                **LeadNote.for_lead(self.object)
            ).select_related("author")
        ]
        changes = [
            {"when": entry.timestamp, "who": entry.user, "change": entry.message}
            for entry in ModelLogEntry.objects.for_instance(self.object)
            .filter(action=audit.CHANGE)
            .select_related("user")
        ]
        return sorted(notes + changes, key=lambda item: item["when"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["timeline"] = self.get_timeline()
        context["can_change"] = self.user_has_permission("change")
        context["note_form"] = NoteForm()
        context["add_note_url"] = reverse(self.add_note_url_name, args=[self.pk])
        return context


class AddNoteView(View):
    """POST only: add a note to a lead and go back to it."""

    model = None
    inspect_url_name = None
    http_method_names = ["post"]

    def post(self, request, pk):
        if not can_work_leads(request.user, self.model):
            raise PermissionDenied
        lead = get_object_or_404(self.model, pk=pk)
        form = NoteForm(request.POST)
        if form.is_valid() and form.cleaned_data["text"].strip():
            LeadNote.objects.create(
                author=request.user,
                text=form.cleaned_data["text"].strip(),
                **LeadNote.for_lead(lead),
            )
            audit.log_note(lead, request.user)
            messages.success(request, "Note added.")
        else:
            messages.error(request, "The note was empty or too long; nothing added.")
        return redirect(reverse(self.inspect_url_name, args=[lead.pk]) + "#timeline")


# 4. Working a lead: status and assignee only


class LeadWorkForm(forms.ModelForm):
    class Meta:
        fields = ["status", "assignee"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        policy = policy_registry.get_by_type(self._meta.model)
        self.fields["assignee"].queryset = policy.users_with_permission(
            "change"
        ).order_by("username")
        self.fields["assignee"].empty_label = "Unassigned"


class LeadEditView(generic.EditView):
    success_message = "%(object)s updated."

    def get_object(self, queryset=None):
        lead = super().get_object(queryset)
        self.before = audit.snapshot(lead)
        return lead

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["for_user"] = self.request.user
        return kwargs

    def save_instance(self):
        lead = self.form.save()
        audit.log_change(lead, self.request.user, self.before)
        return lead

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=[self.object.pk])


class LeadDeleteView(generic.DeleteView):
    def get_success_message(self):
        return f"{self.object} deleted."


# 5. The viewsets


class LeadMenuItemMixin:
    """Shows how many new leads wait, e.g. "Inquiries (3 new)"."""

    count_models = LEAD_MODELS

    def render_component(self, request):
        count = sum(new_leads(model).count() for model in self.count_models)
        base = self.label
        if count:
            self.label = f"{base} ({count} new)"
        try:
            return super().render_component(request)
        finally:
            self.label = base


class LeadViewSet(ModelViewSet):
    index_view_class = LeadIndexView
    inspect_view_class = LeadInspectView
    edit_view_class = LeadEditView
    delete_view_class = LeadDeleteView
    inspect_view_enabled = True
    list_per_page = 25
    inspect_view_fields_exclude = ["id", "submission_id"]
    copy_view_enabled = False
    add_to_reference_index = False
    search_backend_name = None
    search_fields = ["preferred_name", "email", "phone"]
    list_export = [
        "reference",
        "received_at",
        "get_status_display",
        "is_urgent",
        "preferred_name",
        "email",
        "phone",
        "get_preferred_method_display",
        "get_preferred_time_display",
        "voicemail_ok",
        "email_ok",
        "get_lead_for_display",
        "location",
        "message",
        "source_path",
        "utm_source",
        "utm_medium",
        "utm_campaign",
        "assignee",
    ]
    export_headings = {
        "get_status_display": "Status",
        "get_preferred_method_display": "Preferred method",
        "get_preferred_time_display": "Preferred time",
        "get_lead_for_display": "Who it is for",
    }

    @cached_property
    def filterset_class(self):
        meta = type("Meta", (LeadFilterSet.Meta,), {"model": self.model})
        return type(f"{self.model.__name__}FilterSet", (LeadFilterSet,), {"Meta": meta})

    def get_common_view_kwargs(self, **kwargs):
        # Leads arrive only through the public forms, and have no "usage".
        return super().get_common_view_kwargs(
            add_url_name=None, usage_url_name=None, **kwargs
        )

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            add_note_url_name=self.get_url_name("add_note"),
            **kwargs,
        )

    def get_form_class(self, for_update=False):
        return type(
            f"{self.model.__name__}WorkForm",
            (LeadWorkForm,),
            {"Meta": type("Meta", (LeadWorkForm.Meta,), {"model": self.model})},
        )

    @property
    def add_note_view(self):
        return AddNoteView.as_view(
            model=self.model, inspect_url_name=self.get_url_name("inspect")
        )

    def get_urlpatterns(self):
        patterns = [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name not in {"add", "usage"}
        ]
        return [
            *patterns,
            path("notes/<int:pk>/", self.add_note_view, name="add_note"),
        ]

    @cached_property
    def menu_item_class(self):
        return type(
            f"{self.model.__name__}MenuItem",
            (LeadMenuItemMixin, super().menu_item_class),
            {"count_models": (self.model,)},
        )


class InquiryViewSet(LeadViewSet):
    model = Inquiry
    name = "lead_inquiries"
    url_prefix = "leads/inquiries"
    icon = "mail"
    menu_label = "Inquiries"
    export_filename = "lantana-inquiries"


class ChatRequestViewSet(LeadViewSet):
    model = ChatRequest
    name = "lead_chats"
    url_prefix = "leads/chats"
    icon = "comment"
    menu_label = "Chat requests"
    export_filename = "lantana-chat-requests"
    inspect_view_fields_exclude = ["id", "submission_id"]


class LeadsMenuItem(LeadMenuItemMixin, SubmenuMenuItem):
    pass


class LeadViewSetGroup(ModelViewSetGroup):
    menu_label = "Leads"
    menu_icon = "mail"
    menu_order = 150
    items = (InquiryViewSet, ChatRequestViewSet)

    def get_menu_item(self, order=None):
        item = super().get_menu_item(order)
        return LeadsMenuItem(
            label=item.label,
            menu=item.menu,
            name=item.name,
            icon_name=item.icon_name,
            order=item.order,
        )


# 6. The dashboard panel


class LeadsDashboardPanel(Component):
    name = "lead_desk"
    template_name = "contact/admin/dashboard_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        waiting = [new_leads(model) for model in LEAD_MODELS]
        oldest = min(
            (
                lead.received_at
                for lead in (q.order_by("received_at").first() for q in waiting)
                if lead
            ),
            default=None,
        )
        today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
        return {
            "new_count": sum(q.count() for q in waiting),
            "oldest_age": age(oldest) if oldest else None,
            "inquiries_today": Inquiry.objects.filter(
                received_at__gte=today, is_spam=False
            ).count(),
            "chats_today": ChatRequest.objects.filter(
                received_at__gte=today, is_spam=False
            ).count(),
            "inquiries_url": reverse("lead_inquiries:index") + "?status=new",
            "chats_url": reverse("lead_chats:index") + "?status=new",
        }
