"""The inbox, the lead page and working a lead (status, assignee, notes)."""

from datetime import datetime

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import linebreaksbr
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.views import View
from wagtail.admin import messages
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.widgets.button import Button
from wagtail.models import ModelLogEntry
from wagtail.permissions import policy_registry

from lantana.core.text import reveal_invisible

from .. import audit
from ..chat.models import ChatMessage
from ..choices import LeadKind, RevocationScope
from ..fields import Undecryptable, undecryptable_fields
from ..forms import same_site_path
from ..kinds import KIND_FIELDS
from ..models import Lead, LeadNote, LeadRevocation
from ..phones import format_us_phone
from . import components
from .filters import SEARCH_FIELDS, hide_quarantine, search_leads

UNDECRYPTABLE_MESSAGE = (
    "Parts of this lead cannot be decrypted with the keys this site has (a key was "
    'removed or changed, or the stored data is damaged). They show as "Cannot be '
    'decrypted"; the stored data is kept as it is. Tell your administrator.'
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def may_see_any_lead(user) -> bool:
    return policy_registry.get_by_type(Lead).user_has_any_permission(
        user, ["view", "change", "delete"]
    )


class LeadByIdMixin:
    """A lead id tells outsiders nothing: for a user without lead permission, an
    existing lead answers exactly as a missing one does (404). Wagtail's views
    fetch the object before checking permission, so the check comes first here.
    Someone signed out gets the sign-in page either way."""

    def hidden_lead(self) -> Lead | None:
        """A stand-in, never shown, for someone signed out (the permission check
        then sends them to sign in); Http404 for someone without permission."""
        if not self.request.user.is_authenticated:
            return Lead(kind=LeadKind.INQUIRY)
        if not may_see_any_lead(self.request.user):
            raise Http404
        return None

    def get_object(self, *args, **kwargs):
        return self.hidden_lead() or super().get_object(*args, **kwargs)

    def dispatch(self, request, *args, **kwargs):
        self.hidden_lead()  # views that check permission before fetching, too
        return super().dispatch(request, *args, **kwargs)


class LeadIndexView(generic.IndexView):
    """The work queue: open leads (closed and quarantined ones one filter away),
    urgent first, then oldest first."""

    template_name = "contact/admin/lead_index.html"
    default_ordering = ["-is_urgent", "received_at", "pk"]
    search_fields = SEARCH_FIELDS
    search_backend_name = None  # plain ORM filtering: leads never enter a search index

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.is_searching and not self.is_export:
            shown = response.context_data["object_list"]
            audit.log_search(request.user, [lead.pk for lead in shown])
        return response

    def get_base_queryset(self):
        queryset = (
            super()
            .get_base_queryset()
            .select_related(
                "location", "assignee", "consent_wording", "insurer", "insurer_plan"
            )
            .prefetch_related("revocations")
        )
        return hide_quarantine(queryset, self.filters.spam_choice)

    def filter_queryset(self, queryset):
        # Bulk actions' "select all" reads the same rules (filters.leads_in_listing):
        # a filter that does not validate lists nothing, rather than everything.
        if not self.filters.is_valid():
            return queryset.none()
        return self.filters.filter_queryset(queryset)

    def search_queryset(self, queryset):
        return search_leads(queryset, self.search_query)

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="lead"),
            self._get_title_column(
                "__str__",
                column_class=TitleColumn,
                get_title_id=lambda lead: f"lead_{quote(lead.pk)}_title",
            ),
            Column(
                "received_at", label="Received", accessor=components.received_with_age
            ),
            Column("kind", label="Kind", accessor=components.kind_and_for),
            Column(
                "preferred_contact",
                label="Preferred contact",
                accessor=components.contact,
            ),
            Column("language", label="Language", accessor="get_language_display"),
            Column("location", label="Location", accessor=components.location_name),
            Column("status", label="Status", accessor=components.status_with_flags),
            Column("assignee", label="Assignee", accessor=components.assignee_name),
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

    # Export: national phones, formula-safe cells, and an audit entry per export.

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
            leads = list(context["object_list"].values_list("pk", flat=True))
            audit.log_export(
                self.model,
                self.request.user,
                self.request.GET.get("export"),
                rows=len(leads),
                filters=self.active_filter_names(),
                leads=leads,
            )
        return super().render_to_response(context, **response_kwargs)

    def active_filter_names(self) -> list[str]:
        names = []
        if self.filters and self.filters.is_valid():
            names = list(self.filters.form.changed_data)
        if self.is_searching:
            names.append("search")
        return names


class NoteForm(forms.ModelForm):
    class Meta:
        model = LeadNote
        fields = ["text"]
        labels = {"text": "Add a note"}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class LeadWorkForm(forms.ModelForm):
    """Triage: status and assignee, the only things staff change on a lead."""

    class Meta:
        model = Lead
        fields = ["status", "assignee"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        policy = policy_registry.get_by_type(Lead)
        self.fields["assignee"].queryset = policy.users_with_permission(
            "change"
        ).order_by("username")
        self.fields["assignee"].empty_label = "Unassigned"


# Triage first, then what the visitor sent; fields added later go at the end.
FIELD_ORDER = [
    "kind",
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
    "insurer",
    "insurer_plan",
    "plan_type",
    "member_number",
    "date_of_birth",
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
    "closed_at",
    "last_activity_at",
]
FIELD_LABELS = {
    "received_at": "Received",
    "source_path": "Sent from page",
    "utm_source": "Campaign source (utm_source)",
    "utm_medium": "Campaign medium (utm_medium)",
    "utm_campaign": "Campaign name (utm_campaign)",
    "is_urgent": "Urgent",
    "is_spam": "Quarantined as spam",
    "spam_reason": "Spam check that fired",
    "notified_at": "Intake notified at",
    "closed_at": "Closed or quarantined at",
    "last_activity_at": "Last worked on",
}
# Bookkeeping staff never need, and keyed hashes that must not be shown.
HIDDEN_FIELDS = ["id", "submission_id", "client_key", "receipt_key"]
# Shown in their own section, "What they agreed to".
HIDDEN_FIELDS += ["consent", "consent_wording", "allowed_channels", "consented_at"]


class LeadInspectView(LeadByIdMixin, generic.InspectView):
    template_name = "contact/admin/lead_inspect.html"
    history_url_name = None
    add_note_url_name = None
    revoke_url_name = None

    def get(self, request, *args, **kwargs):
        audit.log_view(self.object, request.user)
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return str(self.object)

    def get_page_subtitle(self):
        subtitle = f"received {components.age(self.object.received_at)}"
        if (due_on := self.object.due_on()) is not None:
            subtitle += f", answer due by {due_on:%a %b %-d}"
        return subtitle

    @cached_property
    def lead(self):
        # Wagtail asks for the fields before the object; both need the lead.
        return self.hidden_lead() or get_object_or_404(
            Lead.objects.select_related(
                "location", "assignee", "consent_wording", "insurer", "insurer_plan"
            ).prefetch_related("revocations"),
            pk=self.pk,
        )

    def get_object(self, queryset=None):
        return self.lead

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
        # Only the fields this lead's kind has (contact/kinds.py).
        spec = self.lead.spec
        hidden = (KIND_FIELDS - set(spec.fields)) | set(HIDDEN_FIELDS)
        hidden |= set(spec.never_asked)
        if self.user_has_permission("change"):
            hidden |= set(LeadWorkForm.Meta.fields)  # the triage form shows them
        fields = [name for name in super().get_fields() if name not in hidden]
        rank = {name: index for index, name in enumerate(FIELD_ORDER)}
        return sorted(fields, key=lambda name: rank.get(name, len(rank)))

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, datetime):
            local = timezone.localtime(value)
            return f"{local:%b %-d, %Y, %-I:%M %p} ({components.age(value)})"
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if value in (None, ""):
            return "—"
        if isinstance(value, str):
            return reveal_invisible(value)
        return value

    def get_kind_display_value(self):
        return self.object.spec.label

    def get_phone_display_value(self):
        phone = self.object.phone
        if not phone or isinstance(phone, Undecryptable):
            return "—"
        return format_html('<a href="tel:{}">{}</a>', phone, format_us_phone(phone))

    def get_email_display_value(self):
        email = self.object.email
        if not email or isinstance(email, Undecryptable):
            return email or "—"
        return format_html('<a href="mailto:{}">{}</a>', email, email)

    def get_message_display_value(self):
        message = reveal_invisible(self.object.message)
        return linebreaksbr(message, autoescape=True) or "—"

    def get_first_message_display_value(self):
        message = reveal_invisible(self.object.first_message)
        return linebreaksbr(message, autoescape=True) or "—"

    def get_spam_reason_display_value(self):
        lead = self.object
        if lead.is_possible_spam:
            return f"{lead.spam_reason} (kept in the inbox: it may describe a crisis)"
        return lead.spam_reason or "—"

    def get_source_path_display_value(self):
        source = self.object.source_path
        # Only a path on our own site becomes a link; anything else is shown as text.
        if source and same_site_path(source) == source:
            return format_html('<a href="{}">{}</a>', source, source)
        return source or "—"

    def get_agreement(self) -> dict:
        """What the visitor agreed to: the wording ticked, word for word, the
        notices in force, the channels allowed, and what was withdrawn since."""
        lead = self.object
        return {
            "wording": lead.consent_wording,
            "consented_at": lead.consented_at,
            "notices": list(
                lead.notices_in_force.order_by("kind").only(
                    "kind", "number", "effective_date"
                )
            ),
            "allowed": lead.get_allowed_channels_display(),
            "permitted": lead.get_permitted_channels_display(),
            "revocations": list(lead.revocations.select_related("recorded_by")),
        }

    def get_timeline(self) -> list[dict]:
        notes = [
            {"when": note.created_at, "who": note.author, "note": note}
            for note in self.object.notes.select_related("author")
        ]
        changes = [
            {"when": entry.timestamp, "who": entry.user, "change": entry.message}
            for entry in ModelLogEntry.objects.for_instance(self.object)
            .filter(action__in=[audit.CHANGE, audit.REVOKE])
            .select_related("user")
        ]
        return sorted(notes + changes, key=lambda item: item["when"])

    def get_transcript(self) -> list | None:
        """A live chat's messages, oldest first; None for other kinds."""
        if self.object.kind != LeadKind.LIVE_CHAT:
            return None
        return list(
            ChatMessage.objects.filter(conversation__lead=self.object)
            .select_related("staff_user")
            .order_by("seq")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        can_change = self.user_has_permission("change")
        context.update(
            transcript=self.get_transcript(),
            timeline=self.get_timeline(),
            can_change=can_change,
            note_form=NoteForm(),
            add_note_url=reverse(self.add_note_url_name, args=[self.pk]),
            work_form=LeadWorkForm(instance=self.object) if can_change else None,
            work_url=self.get_edit_url() if can_change else None,
            agreement=self.get_agreement(),
            revocation_form=RevocationForm() if can_change else None,
            revoke_url=reverse(self.revoke_url_name, args=[self.pk]),
        )
        self.report_undecryptable(context["timeline"], context["transcript"] or [])
        return context

    def report_undecryptable(self, timeline, transcript) -> None:
        """A clear notice and an audit entry (field names only) when a key is missing."""
        parts = undecryptable_fields(self.object)
        if any(
            undecryptable_fields(item["note"]) for item in timeline if "note" in item
        ):
            parts.append("notes")
        if any(undecryptable_fields(message) for message in transcript):
            parts.append("chat messages")
        if parts:
            audit.log_undecryptable(self.object, self.request.user, parts)
            messages.error(self.request, UNDECRYPTABLE_MESSAGE)


class AddNoteView(View):
    """POST only: add a note to a lead and go back to it."""

    inspect_url_name = None
    http_method_names = ["post"]

    def post(self, request, pk):
        if not components.can_work_leads(request.user):
            if not request.user.is_authenticated or may_see_any_lead(request.user):
                raise PermissionDenied
            raise Http404  # as for a missing lead (LeadByIdMixin)
        lead = get_object_or_404(Lead, pk=pk)
        form = NoteForm(request.POST)
        if form.is_valid() and form.cleaned_data["text"].strip():
            LeadNote.objects.create(
                lead=lead, author=request.user, text=form.cleaned_data["text"].strip()
            )
            Lead.objects.filter(pk=lead.pk).update(last_activity_at=timezone.now())
            audit.log_note(lead, request.user)
            messages.success(request, "Note added.")
        else:
            messages.error(request, "The note was empty or too long; nothing added.")
        return redirect(reverse(self.inspect_url_name, args=[lead.pk]) + "#timeline")


class RevocationForm(forms.Form):
    scope = forms.ChoiceField(
        label="The visitor asked us to stop",
        choices=RevocationScope.choices,
        error_messages={"invalid_choice": "Choose what the visitor withdrew."},
    )


class RecordRevocationView(View):
    """POST only: record that the visitor withdrew a channel or all contact."""

    inspect_url_name = None
    http_method_names = ["post"]

    def post(self, request, pk):
        if not components.can_work_leads(request.user):
            if not request.user.is_authenticated or may_see_any_lead(request.user):
                raise PermissionDenied
            raise Http404  # as for a missing lead (LeadByIdMixin)
        lead = Lead.objects.filter(pk=pk).first()
        if lead is None:
            return TemplateResponse(
                request, "contact/admin/lead_gone.html", {"number": pk}, status=404
            )
        form = RevocationForm(request.POST)
        back = reverse(self.inspect_url_name, args=[lead.pk]) + "#agreement"
        if not form.is_valid():
            messages.error(
                request, "Choose what the visitor withdrew; nothing recorded."
            )
            return redirect(back)
        scope = form.cleaned_data["scope"]
        with transaction.atomic():
            revocation, created = LeadRevocation.objects.get_or_create(
                lead=lead, scope=scope, defaults={"recorded_by": request.user}
            )
            if created:
                Lead.objects.filter(pk=lead.pk).update(last_activity_at=timezone.now())
                audit.log_revocation(lead, request.user, revocation)
        if created:
            messages.success(request, f"Recorded: {revocation.get_scope_display()}.")
        else:
            messages.success(
                request, f"“{revocation.get_scope_display()}” was already recorded."
            )
        return redirect(back)


class LeadEditView(LeadByIdMixin, generic.EditView):
    """Status and assignee; the lead page posts its triage form here too."""

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
        lead = self.form.save(commit=False)
        changed = [
            name for name in self.form.changed_data if name in {"status", "assignee"}
        ]
        if changed:
            lead.last_activity_at = timezone.now()
            lead.sync_closed_at()
            # Only what staff changed: never a stale copy of notified_at or the rest.
            lead.save(update_fields=[*changed, "last_activity_at", "closed_at"])
            audit.log_change(lead, self.request.user, self.before)
        return lead

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=[self.object.pk])


class LeadHistoryView(LeadByIdMixin, HistoryView):
    pass


class LeadDeleteView(LeadByIdMixin, generic.DeleteView):
    def get_success_message(self):
        return f"{self.object} deleted."
