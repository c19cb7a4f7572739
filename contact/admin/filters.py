"""What the inbox can be narrowed to. The listing and "select all" bulk actions
both go through `leads_in_listing`, so they always mean the same rows."""

from datetime import timedelta

import django_filters
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms.search import SearchForm

from .. import crypto
from ..choices import LeadFor, LeadKind, LeadStatus, VisitorLanguage
from ..models import Lead

SEARCH_FIELDS = ["preferred_name", "email", "phone"]
ANY_STATUS = "any"


def open_leads() -> QuerySet:
    """Leads intake still has to work: not closed, not quarantined."""
    return Lead.objects.filter(is_spam=False).exclude(status=LeadStatus.CLOSED)


def stale_leads(now=None) -> QuerySet:
    """Open leads nobody has touched for LEAD_STALE_DAYS."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.LEAD_STALE_DAYS)
    return open_leads().filter(last_activity_at__lt=cutoff)


class LeadFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(
        label="Kind", choices=LeadKind.choices, empty_label="Every kind"
    )
    # Left empty, the inbox is the work queue: every lead not yet closed.
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=[*LeadStatus.choices, (ANY_STATUS, "Any status, closed too")],
        method="filter_status",
        empty_label="Open (new, in progress, contacted)",
    )
    urgency = django_filters.ChoiceFilter(
        label="Urgency",
        choices=[("urgent", "Urgent"), ("routine", "Not urgent")],
        method="filter_urgency",
        empty_label="Any",
    )
    lead_for = django_filters.ChoiceFilter(
        label="Who it is for", choices=LeadFor.choices, empty_label="Anyone"
    )
    language = django_filters.ChoiceFilter(
        label="Language", choices=VisitorLanguage.choices, empty_label="Any language"
    )
    location = django_filters.ModelChoiceFilter(
        # The location pages a lead can name (locations/, above this app).
        queryset=Lead._meta.get_field("location").related_model.objects.order_by(
            "title"
        ),
        empty_label="Any location",
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
    stale = django_filters.ChoiceFilter(
        label="Needs review",
        choices=[("stale", "Open and untouched for a long time")],
        method="filter_stale",
        empty_label="Any",
    )
    spam = django_filters.ChoiceFilter(
        label="Quarantined spam",
        choices=[("include", "Show with the rest"), ("only", "Show only spam")],
        method="filter_spam",
        empty_label="Hidden",
    )

    class Meta:
        model = Lead
        fields = [
            "kind",
            "status",
            "urgency",
            "lead_for",
            "language",
            "location",
            "received_at",
        ]

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("status"):
            queryset = queryset.exclude(status=LeadStatus.CLOSED)
        return queryset

    def filter_status(self, queryset, name, value):
        if value == ANY_STATUS:
            return queryset
        return queryset.filter(status=value)

    def filter_urgency(self, queryset, name, value):
        return queryset.filter(is_urgent=(value == "urgent"))

    def filter_assigned(self, queryset, name, value):
        if value == "me":
            return queryset.filter(assignee=self.request.user)
        return queryset.filter(assignee__isnull=True)

    def filter_stale(self, queryset, name, value):
        return queryset.filter(pk__in=stale_leads().values("pk"))

    def filter_spam(self, queryset, name, value):
        if value == "only":
            return queryset.filter(is_spam=True)
        return queryset

    @property
    def spam_choice(self) -> str:
        if self.is_valid():
            return self.form.cleaned_data.get("spam") or ""
        return ""


def hide_quarantine(queryset: QuerySet, spam_choice: str) -> QuerySet:
    """Quarantined leads are hidden unless the spam filter asks for them. Urgent
    leads are never quarantined (contact/services.py), so they always show."""
    if spam_choice in {"include", "only"}:
        return queryset
    return queryset.filter(is_spam=False)


def search_leads(queryset: QuerySet, query: str) -> QuerySet:
    """The start of a name's words, of an email, or a phone's last digits typed any
    way, e.g. "(843) 555-0134": matched through the blind index (contact/crypto.py),
    since the fields themselves are encrypted."""
    if not query:
        return queryset
    condition = Q(pk__in=[])
    for group in crypto.query_tokens(query):
        match = Q()
        for token in group:
            match &= Q(search_index__contains=f" {token} ")
        condition |= match
    return queryset.filter(condition)


def leads_in_listing(request) -> QuerySet:
    """Exactly the leads the inbox lists for this request's query string (filters
    and search); none when the filters do not validate."""
    filters = LeadFilterSet(request.GET, queryset=Lead.objects.all(), request=request)
    if not filters.is_valid():
        return Lead.objects.none()
    queryset = hide_quarantine(filters.qs, filters.spam_choice)
    search = SearchForm(request.GET)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    return search_leads(queryset, query)
