"""What the clinic may learn from its own pages: counts per day, nothing per visitor.

`Beacon` is the raw queue: one row per event a page's beacon reported, no address,
no user agent, no identifier; `rollup_insights` folds it into the daily tables and
deletes it (it never holds more than a day). The daily tables are kept two years
(INSIGHTS_RETENTION_DAYS).
"""

from django.db import models

from .choices import Event, ReferrerClass


class Beacon(models.Model):
    """One reported event, waiting for the next roll-up."""

    received_at = models.DateTimeField(db_index=True)
    event = models.CharField(max_length=20, choices=Event.choices)
    path = models.CharField(max_length=200)
    page_type = models.CharField(max_length=80)
    referrer_class = models.CharField(
        max_length=10, choices=ReferrerClass.choices, blank=True
    )
    campaign = models.CharField(max_length=60, blank=True)
    lead_kind = models.CharField(max_length=30, blank=True)
    # For a lead event: the article the visitor read just before, if any.
    from_article = models.CharField(max_length=200, blank=True)
    lcp_ms = models.PositiveIntegerField(null=True)
    inp_ms = models.PositiveIntegerField(null=True)
    cls_thousandths = models.PositiveIntegerField(null=True)

    def __str__(self):
        return f"{self.event} on {self.path}"


class DailyPageCount(models.Model):
    """Views, and leads started and sent, on one page on one day."""

    day = models.DateField()
    path = models.CharField(max_length=200)
    page_type = models.CharField(max_length=80)
    views = models.PositiveIntegerField(default=0)
    leads_started = models.PositiveIntegerField(default=0)
    leads_sent = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "path"], name="insights_page_day")
        ]
        indexes = [models.Index(fields=["path", "day"])]
        # Separate from leads and pages: who may read the site's insight.
        permissions = [("view_insights", "Can see the Insights dashboard")]

    def __str__(self):
        return f"{self.path} on {self.day}"


class DailyArrival(models.Model):
    """Visitors arriving from outside, by kind of referrer and campaign, per day."""

    day = models.DateField()
    referrer_class = models.CharField(max_length=10, choices=ReferrerClass.choices)
    campaign = models.CharField(max_length=60, blank=True)
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "referrer_class", "campaign"],
                name="insights_arrival_day",
            )
        ]

    def __str__(self):
        return f"{self.referrer_class} arrivals on {self.day}"


class DailyLeadCount(models.Model):
    """Leads started and sent per page and kind of lead, per day."""

    day = models.DateField()
    path = models.CharField(max_length=200)
    lead_kind = models.CharField(max_length=30)
    started = models.PositiveIntegerField(default=0)
    sent = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "path", "lead_kind"], name="insights_lead_day"
            )
        ]

    def __str__(self):
        return f"{self.lead_kind} leads on {self.path} on {self.day}"


class DailyArticleLead(models.Model):
    """Leads started and sent right after reading an article, per article and day."""

    day = models.DateField()
    article_path = models.CharField(max_length=200)
    leads_started = models.PositiveIntegerField(default=0)
    leads_sent = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "article_path"], name="insights_article_day"
            )
        ]

    def __str__(self):
        return f"leads after {self.article_path} on {self.day}"


class DailyVitals(models.Model):
    """One speed metric for one type of page on one day: a histogram and its p75."""

    day = models.DateField()
    page_type = models.CharField(max_length=80)
    metric = models.CharField(max_length=3)  # insights.vitals.METRICS
    samples = models.PositiveIntegerField(default=0)
    good = models.PositiveIntegerField(default=0)
    needs_improvement = models.PositiveIntegerField(default=0)
    poor = models.PositiveIntegerField(default=0)
    buckets = models.JSONField(default=list)  # counts per vitals.Metric.edges
    p75 = models.PositiveIntegerField(null=True)  # ms, or thousandths for CLS

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "page_type", "metric"], name="insights_vitals_day"
            )
        ]

    def __str__(self):
        return f"{self.metric} of {self.page_type} on {self.day}"
