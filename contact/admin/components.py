"""The pieces the inbox is drawn with: cell values, the counted menu items (Leads,
and Live chat's too) and the dashboard panel. Nothing here is changed per request:
counts are computed for each render and handed to fresh components."""

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.timesince import timesince
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.permissions import policy_registry

from .. import due
from ..choices import LeadStatus
from ..kinds import KINDS
from ..models import Lead


def can_work_leads(user, action: str = "change") -> bool:
    return policy_registry.get_by_type(Lead).user_has_permission(user, action)


def new_leads():
    """What waits for a first call: new and not quarantined (urgent ones included)."""
    return Lead.objects.filter(status=LeadStatus.NEW, is_spam=False)


def age(moment, now=None) -> str:
    """ "2 hours ago", shortened to its largest unit."""
    now = now or timezone.now()
    if now - moment < timedelta(minutes=1):
        return "just now"
    return timesince(moment, now, depth=1) + " ago"


def waiting_level(lead, now=None) -> str:
    """ "red", "amber" or "" for how long a new lead has waited for a first call,
    or, for a kind that owes an answer by a date (an estimate), how near that date
    is until the lead is closed."""
    due_on = lead.due_on()
    if due_on is not None:
        if lead.status == LeadStatus.CLOSED:
            return ""
        return due.due_level(due_on, timezone.localdate(now))
    if lead.status != LeadStatus.NEW:
        return ""
    waited = (now or timezone.now()) - lead.received_at
    if waited >= timedelta(minutes=settings.LEAD_WAITING_RED_MINUTES):
        return "red"
    if waited >= timedelta(minutes=settings.LEAD_WAITING_AMBER_MINUTES):
        return "amber"
    return ""


WAITING_WORDS = {"red": "long wait", "amber": "waiting"}
DUE_WORDS = {"red": "overdue", "amber": "due today"}


def received_with_age(lead):
    local = timezone.localtime(lead.received_at)
    level = waiting_level(lead)
    due_on = lead.due_on()
    if due_on is not None:
        when = f"due {due_on:%a %b %-d}"
        words = f"{DUE_WORDS[level]}: {when}" if level else when
        return format_html(
            '{} <span class="lead-waiting lead-waiting--{}">{}</span>',
            f"{local:%b %-d, %-I:%M %p}",
            level or "due",
            words,
        )
    if not level:
        return f"{local:%b %-d, %-I:%M %p} ({age(lead.received_at)})"
    return format_html(
        '{} <span class="lead-waiting lead-waiting--{}">{}: {}</span>',
        f"{local:%b %-d, %-I:%M %p}",
        level,
        WAITING_WORDS[level],
        age(lead.received_at),
    )


def kind_and_for(lead) -> str:
    return f"{lead.spec.label} · for {lead.get_lead_for_display().lower()}"


def contact(lead) -> str:
    preferred = (
        f"{lead.get_preferred_method_display()}, {lead.get_preferred_time_display()}"
    )
    withdrawn = lead.get_revocations_display()  # "Do not text": read before calling
    return f"{withdrawn.upper()} · {preferred}" if withdrawn else preferred


def location_name(lead) -> str:
    return lead.location.title if lead.location_id else "—"


def status_with_flags(lead) -> str:
    flags = [lead.get_status_display()]
    if lead.is_urgent:
        flags.append("URGENT")
    if lead.is_spam:
        flags.append("spam")
    elif lead.is_possible_spam:
        flags.append("possible spam")
    return " · ".join(flags)


def assignee_name(lead) -> str:
    if not lead.assignee_id:
        return "Unassigned"
    return lead.assignee.get_full_name() or lead.assignee.get_username()


class BadgeMenuItem(MenuItem):
    """A menu item whose label ends with a count, "Leads (3 new)": `count()` is
    called for each render and the label goes into a new sidebar component, so this
    item, shared by every request, is never changed. No count, the bare label.
    `shown_to(user)` says who sees the item."""

    def __init__(
        self,
        label,
        url,
        *,
        count: Callable[[], int],
        wording: str,
        shown_to: Callable[..., bool],
        **kwargs,
    ):
        super().__init__(label, url, **kwargs)
        self.count, self.wording, self.shown_to = count, wording, shown_to

    def is_shown(self, request):
        return self.shown_to(request.user)

    def render_component(self, request):
        count = self.count()
        label = f"{self.label} ({count} {self.wording})" if count else self.label
        return LinkMenuItemComponent(
            self.name,
            label,
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


def count_new_leads() -> int:
    return new_leads().count()


def can_view_leads(user) -> bool:
    return can_work_leads(user, "view")


class LeadsMenuItem(BadgeMenuItem):
    """ "Leads (3 new)", for whoever may see the inbox (the viewset's menu item)."""

    def __init__(self, label, url, **kwargs):
        super().__init__(
            label,
            url,
            count=count_new_leads,
            wording="new",
            shown_to=can_view_leads,
            **kwargs,
        )


class LeadsDashboardPanel(Component):
    name = "lead_desk"
    template_name = "contact/admin/dashboard_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        waiting = new_leads()
        oldest = waiting.order_by("received_at").values_list("received_at", flat=True)
        oldest = oldest.first()
        today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
        counts = dict.fromkeys(KINDS, 0)
        for kind in (
            Lead.objects.filter(received_at__gte=today, is_spam=False)
            .values_list("kind", flat=True)
            .iterator()
        ):
            counts[kind] += 1
        inbox = reverse("leads:index")
        return {
            "new_count": waiting.count(),
            "urgent_count": waiting.filter(is_urgent=True).count(),
            "oldest_age": age(oldest) if oldest else None,
            "today": [
                {
                    "count": counts[kind],
                    "wording": (
                        spec.label if counts[kind] == 1 else spec.label_plural
                    ).lower(),
                }
                for kind, spec in KINDS.items()
            ],
            "inbox_url": inbox + "?status=new",
        }
