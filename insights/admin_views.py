"""The Insights dashboard, its CSV export and the page editor's small panel."""

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from wagtail.models import Page

from . import report
from .models import DailyArrival, DailyLeadCount, DailyPageCount, DailyVitals

PERMISSION = "insights.view_insights"
EXPORTS = {
    "pages": (
        DailyPageCount,
        ["day", "path", "page_type", "views", "leads_started", "leads_sent"],
    ),
    "arrivals": (DailyArrival, ["day", "referrer_class", "campaign", "views"]),
    "leads": (DailyLeadCount, ["day", "path", "lead_kind", "started", "sent"]),
    "speed": (
        DailyVitals,
        [
            "day",
            "page_type",
            "metric",
            "samples",
            "p75",
            "good",
            "needs_improvement",
            "poor",
        ],
    ),
}


def can_see_insights(user) -> bool:
    return user.is_active and user.has_perm(PERMISSION)


def require_insights(request) -> None:
    if not can_see_insights(request.user):
        raise PermissionDenied


def get_period(request) -> int | None:
    value = request.GET.get("days", "30")
    return int(value) if value in {str(days) for days in report.PERIODS} else None


def dashboard(request):
    require_insights(request)
    period = get_period(request)
    if period is None:
        return HttpResponseBadRequest("days must be 30 or 90")
    days = report.period_days(period)
    export = request.GET.get("export")
    if export is not None:
        return export_csv(export, days)
    context = {
        "period": period,
        "periods": report.PERIODS,
        "series": report.daily_series(days),
        "arrivals": report.arrivals(days),
        "top_articles": report.top_articles(days),
        "speed": report.slow_page_types(days),
        "exports": list(EXPORTS),
    }
    return TemplateResponse(request, "insights/admin/dashboard.html", context)


def export_csv(name: str, days) -> HttpResponse:
    if name not in EXPORTS:
        return HttpResponseBadRequest("Unknown export")
    model, fields = EXPORTS[name]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="insights-{name}.csv"'
    writer = csv.writer(response)
    writer.writerow(fields)
    for row in (
        model.objects.filter(day__gte=days[0]).order_by("day").values_list(*fields)
    ):
        # Paths and campaigns come from visitors' URLs: never let a cell be a formula.
        writer.writerow(
            ["'" + v if isinstance(v, str) and v[:1] in "=+-@" else v for v in row]
        )
    return response


def page_panel(request, page_id: int):
    """The page editor's panel: views and leads of this page in the last 30 days."""
    require_insights(request)
    page = get_object_or_404(Page, pk=page_id)
    parts = page.get_url_parts(request)
    path = parts[2] if parts else None
    summary = report.page_summary(path, report.period_days(30)) if path else None
    return TemplateResponse(
        request, "insights/admin/page_panel.html", {"page": page, "summary": summary}
    )
