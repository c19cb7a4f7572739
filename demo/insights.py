"""Demo insight: 90 days of believable daily counts for the demo site's live pages,
so the Insights dashboard has something to show. Made up here, never measured."""

import random
from datetime import timedelta

from django.utils import timezone

from insights.models import (
    DailyArrival,
    DailyArticleLead,
    DailyLeadCount,
    DailyPageCount,
    DailyVitals,
)
from insights.rollup import ARTICLE_TYPE, live_paths
from insights.vitals import METRICS

DAYS = 90
SPEED = {"lcp": (1400, 900), "inp": (90, 80), "cls": (30, 40)}  # mean, spread
SLOW = {"articles.ArticlePage": {"lcp": 1800}}  # one type over the line, to show it


def build_insights(days: int = DAYS, seed: int = 26) -> int:
    """Add counts for every day without any; return how many days were added."""
    rng = random.Random(seed)  # noqa: S311 - made-up demo numbers, not secrets
    pages = live_paths()
    today = timezone.localdate()
    have = set(DailyPageCount.objects.values_list("day", flat=True).distinct())
    added = 0
    for offset in range(days, 0, -1):
        day = today - timedelta(days=offset)
        if day in have:
            continue
        build_day(day, pages, rng)
        added += 1
    return added


def load_insights(stdout) -> None:
    """load_demo's step: the last 90 days of counts, each day added once."""
    added = build_insights()
    if added:
        stdout.write(f"   - insights: made-up counts for {added} days ready")
    else:
        stdout.write(
            f"   - insights: every one of the last {DAYS} days already counted"
        )


def label(content_type: str) -> str:
    app, model = content_type.split(".")
    known = {
        "articlepage": "ArticlePage",
        "homepage": "HomePage",
        "contactpage": "ContactPage",
        "locationpage": "LocationPage",
        "clinicianpage": "ClinicianPage",
        "standardpage": "StandardPage",
        "selfcheckpage": "SelfCheckPage",
    }
    return f"{app}.{known.get(model, model.title())}"


def build_day(day, pages: dict[str, str], rng: random.Random) -> None:
    weekday_boost = 1.3 if day.weekday() < 5 else 0.8
    counts, leads, articles = [], [], []
    for path, content_type in pages.items():
        views = int(rng.randint(3, 40) * weekday_boost)
        started = rng.randint(0, 3) if content_type == "contact.contactpage" else 0
        sent = min(started, rng.randint(0, 2))
        counts.append(
            DailyPageCount(
                day=day,
                path=path,
                page_type=label(content_type),
                views=views,
                leads_started=started,
                leads_sent=sent,
            )
        )
        if started:
            leads.append(
                DailyLeadCount(
                    day=day, path=path, lead_kind="inquiry", started=started, sent=sent
                )
            )
        if content_type == ARTICLE_TYPE and rng.random() < 0.4:
            articles.append(
                DailyArticleLead(
                    day=day,
                    article_path=path,
                    leads_started=rng.randint(1, 2),
                    leads_sent=rng.randint(0, 1),
                )
            )
    DailyPageCount.objects.bulk_create(counts)
    DailyLeadCount.objects.bulk_create(leads)
    DailyArticleLead.objects.bulk_create(articles)
    DailyArrival.objects.bulk_create(
        DailyArrival(
            day=day,
            referrer_class=kind,
            campaign=campaign,
            views=int(rng.randint(low, high) * weekday_boost),
        )
        for kind, campaign, low, high in (
            ("search", "", 40, 90),
            ("direct", "", 10, 30),
            ("social", "", 2, 12),
            ("other", "", 1, 8),
            ("social", "family-week", 0, 6),
        )
    )
    vitals = []
    for page_type in sorted({label(t) for t in pages.values()}):
        for name, metric in METRICS.items():
            mean, spread = SPEED[name]
            mean += SLOW.get(page_type, {}).get(name, 0)
            row = DailyVitals(
                day=day, page_type=page_type, metric=name, buckets=metric.empty()
            )
            for _ in range(rng.randint(5, 30)):
                value = max(0, int(rng.gauss(mean, spread)))
                row.buckets[metric.bucket(value)] += 1
                rating = metric.rating(value)
                setattr(row, rating, getattr(row, rating) + 1)
                row.samples += 1
            row.p75 = metric.p75(row.buckets)
            vitals.append(row)
    DailyVitals.objects.bulk_create(vitals)
