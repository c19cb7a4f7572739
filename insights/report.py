"""What the Insights dashboard shows, read from the daily tables only."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Sum
from django.utils import timezone

from .models import DailyArrival, DailyArticleLead, DailyPageCount, DailyVitals
from .vitals import METRICS

PERIODS = (30, 90)


@dataclass
class Series:
    """One number per day, oldest first, drawn as bars with a table beside."""

    title: str
    days: list[date]
    values: list[int]

    @property
    def total(self) -> int:
        return sum(self.values)

    def bars(self, width: int = 600, height: int = 160) -> list[dict]:
        top = max(self.values, default=0) or 1
        step = width / max(len(self.values), 1)
        return [
            {
                "x": round(index * step + 1, 1),
                "width": round(max(step - 2, 1), 1),
                "height": round(value / top * height, 1),
                "y": round(height - value / top * height, 1),
                "day": day,
                "value": value,
            }
            for index, (day, value) in enumerate(
                zip(self.days, self.values, strict=True)
            )
        ]


def period_days(days: int, today: date | None = None) -> list[date]:
    today = today or timezone.localdate()
    return [today - timedelta(days=offset) for offset in range(days - 1, -1, -1)]


def daily_series(days: list[date]) -> list[Series]:
    totals = {
        row["day"]: row
        for row in DailyPageCount.objects.filter(day__gte=days[0])
        .values("day")
        .annotate(
            views=Sum("views"), started=Sum("leads_started"), sent=Sum("leads_sent")
        )
    }
    return [
        Series(title, days, [(totals.get(day) or {}).get(key) or 0 for day in days])
        for title, key in (
            ("Page views", "views"),
            ("Leads started", "started"),
            ("Leads sent", "sent"),
        )
    ]


def arrivals(days: list[date]) -> list[dict]:
    return list(
        DailyArrival.objects.filter(day__gte=days[0])
        .values("referrer_class", "campaign")
        .annotate(views=Sum("views"))
        .order_by("-views", "referrer_class", "campaign")
    )


def top_articles(days: list[date], limit: int = 10) -> list[dict]:
    rows = list(
        DailyArticleLead.objects.filter(day__gte=days[0])
        .values("article_path")
        .annotate(started=Sum("leads_started"), sent=Sum("leads_sent"))
        .order_by("-started", "article_path")[:limit]
    )
    views = dict(
        DailyPageCount.objects.filter(
            day__gte=days[0], path__in=[row["article_path"] for row in rows]
        )
        .values("path")
        .annotate(views=Sum("views"))
        .values_list("path", "views")
    )
    for row in rows:
        row["views"] = views.get(row["article_path"], 0)
        row["conversion"] = (
            f"{row['started'] / row['views']:.1%}" if row["views"] else "–"
        )
    return rows


def slow_page_types(days: list[date]) -> list[dict]:
    """Page types whose p75 LCP or INP over the period is above the "good" line."""
    merged = defaultdict(lambda: None)
    samples = defaultdict(int)
    for row in DailyVitals.objects.filter(day__gte=days[0]).order_by("id"):
        metric = METRICS.get(row.metric)
        if metric is None:
            continue
        key = (row.page_type, row.metric)
        buckets = merged[key] or metric.empty()
        for index, count in enumerate(row.buckets[: len(buckets)]):
            buckets[index] += count
        merged[key] = buckets
        samples[key] += row.samples
    found = []
    for (page_type, name), buckets in sorted(merged.items()):
        metric = METRICS[name]
        p75 = metric.p75(buckets)
        found.append(
            {
                "page_type": page_type,
                "metric": metric,
                "p75": p75,
                "p75_display": metric.display(p75),
                "samples": samples[(page_type, name)],
                "over": p75 is not None and p75 > metric.good,
            }
        )
    return found


def page_summary(path: str, days: list[date]) -> dict:
    """Views and leads of one page over the period (the page editor's panel)."""
    totals = DailyPageCount.objects.filter(day__gte=days[0], path=path).aggregate(
        views=Sum("views"), started=Sum("leads_started"), sent=Sum("leads_sent")
    )
    return {key: value or 0 for key, value in totals.items()}
