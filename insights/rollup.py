"""Folding the raw beacon queue into the daily tables, and retention.

Run by `manage.py rollup_insights` (a systemd timer every 10 minutes, deploy/): the
rows read are deleted in the same transaction, so the queue holds minutes of events;
anything older than a day is deleted unread, and daily rows past
INSIGHTS_RETENTION_DAYS go too.
"""

from collections import Counter, defaultdict
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from wagtail.models import Page, Site

from .choices import Event, ReferrerClass
from .models import (
    Beacon,
    DailyArrival,
    DailyArticleLead,
    DailyLeadCount,
    DailyPageCount,
    DailyVitals,
)
from .queue import drain
from .vitals import METRICS

RAW_MAX_AGE = timedelta(days=1)
BATCH = 20_000


# Leads begun right after one of these count towards that page's conversion.
ARTICLE_TYPE = "articles.articlepage"


def live_paths() -> dict[str, str]:
    """The URL path of every live page of the default site, with its type
    ("articles.articlepage"): counts for any other path (a forged beacon, a page
    since deleted) are dropped."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return {}
    root = site.root_page.url_path
    pages = Page.objects.live().filter(url_path__startswith=root)
    return {
        "/" + url_path[len(root) :]: f"{app_label}.{model}"
        for url_path, app_label, model in pages.values_list(
            "url_path", "content_type__app_label", "content_type__model"
        )
    }


def rollup() -> int:
    """Fold every queued event into the daily tables; return how many were read."""
    drain()  # what waits in Redis joins the table first (insights/queue.py)
    Beacon.objects.filter(received_at__lt=timezone.now() - RAW_MAX_AGE).delete()
    total = 0
    known = live_paths()
    while True:
        with transaction.atomic():
            last = Beacon.objects.order_by("id").values_list("id", flat=True)[
                BATCH - 1 : BATCH
            ]
            upto = last[0] if last else Beacon.objects.aggregate(Max("id"))["id__max"]
            if upto is None:
                return total
            batch = list(Beacon.objects.filter(id__lte=upto))
            fold(batch, known)
            Beacon.objects.filter(id__lte=upto).delete()
            total += len(batch)


def fold(batch: list[Beacon], known: dict[str, str]) -> None:
    pages, arrivals, leads, articles = Counter(), Counter(), Counter(), Counter()
    page_types = {}
    vitals = defaultdict(list)
    for row in batch:
        if row.path not in known:
            continue
        day = timezone.localdate(row.received_at)
        page_types[(day, row.path)] = row.page_type
        if row.event == Event.VIEW:
            pages[(day, row.path, "views")] += 1
            if row.referrer_class and row.referrer_class != ReferrerClass.INTERNAL:
                arrivals[(day, row.referrer_class, row.campaign, "views")] += 1
        elif row.event in (Event.LEAD_STARTED, Event.LEAD_SENT):
            column = "started" if row.event == Event.LEAD_STARTED else "sent"
            pages[(day, row.path, f"leads_{column}")] += 1
            leads[(day, row.path, row.lead_kind, column)] += 1
            if known.get(row.from_article) == ARTICLE_TYPE:
                articles[(day, row.from_article, f"leads_{column}")] += 1
        elif row.event == Event.VITALS:
            for name, value in (
                ("lcp", row.lcp_ms),
                ("inp", row.inp_ms),
                ("cls", row.cls_thousandths),
            ):
                if value is not None:
                    vitals[(day, row.page_type, name)].append(value)
    add_counts(DailyPageCount, ("day", "path"), pages, page_types)
    add_counts(DailyArrival, ("day", "referrer_class", "campaign"), arrivals)
    add_counts(DailyLeadCount, ("day", "path", "lead_kind"), leads)
    add_counts(DailyArticleLead, ("day", "article_path"), articles)
    add_vitals(vitals)


def add_counts(model, keys: tuple[str, ...], counts: Counter, page_types=None):
    grouped = defaultdict(dict)
    for (*key, column), count in counts.items():
        grouped[tuple(key)][column] = count
    for key, columns in grouped.items():
        lookup = dict(zip(keys, key, strict=True))
        defaults = {}
        if page_types is not None:
            defaults["page_type"] = page_types[key]
        row, _ = model.objects.select_for_update().get_or_create(
            **lookup, defaults=defaults
        )
        for column, count in columns.items():
            setattr(row, column, getattr(row, column) + count)
        row.save()


def add_vitals(samples: dict) -> None:
    for (day, page_type, name), values in samples.items():
        metric = METRICS[name]
        row, _ = DailyVitals.objects.select_for_update().get_or_create(
            day=day, page_type=page_type, metric=name
        )
        buckets = row.buckets or metric.empty()
        for value in values:
            buckets[metric.bucket(value)] += 1
            setattr(row, metric.rating(value), getattr(row, metric.rating(value)) + 1)
        row.samples += len(values)
        row.buckets = buckets
        row.p75 = metric.p75(buckets)
        row.save()


def purge_old_aggregates(today=None) -> int:
    """Delete daily rows older than INSIGHTS_RETENTION_DAYS; return how many."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=settings.INSIGHTS_RETENTION_DAYS)
    deleted = 0
    for model in (
        DailyPageCount,
        DailyArrival,
        DailyLeadCount,
        DailyArticleLead,
        DailyVitals,
    ):
        deleted += model.objects.filter(day__lt=cutoff).delete()[0]
    return deleted
