"""Which articles are due for clinical review, and who may see that list."""

import datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import REVIEW_SOON_DAYS, ArticlePage, get_clinical_reviewer_groups


def reviews_due(today: datetime.date | None = None):
    """Live articles whose next review has passed or falls within 30 days, oldest first."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=REVIEW_SOON_DAYS)
    return (
        ArticlePage.objects.live()
        .filter(next_review__lte=horizon)
        .select_related("reviewer")
        .order_by("next_review", "title")
    )


def reviews_due_for_user(user, today=None):
    articles = reviews_due(today)
    if user.is_superuser or is_clinical_reviewer(user):
        return articles
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return articles.filter(pk__in=editable.values("pk"))


def can_see_reviews_due(user) -> bool:
    return (
        user.is_superuser
        or is_clinical_reviewer(user)
        or PagePermissionPolicy().user_has_any_permission(user, ["change", "publish"])
    )


def is_clinical_reviewer(user) -> bool:
    return user.groups.filter(pk__in=get_clinical_reviewer_groups()).exists()


class ReviewsDuePanel(Component):
    name = "reviews_due"
    template_name = "articles/admin/reviews_due_panel.html"
    order = 150
    limit = 10

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        today = timezone.localdate()
        articles = list(reviews_due_for_user(request.user, today)[: self.limit + 1])
        return {
            "articles": articles[: self.limit],
            "more": len(articles) > self.limit,
            "today": today,
            "request": request,
        }


class ReviewsDueReportView(ReportView):
    page_title = "Clinical reviews due"
    header_icon = "time"
    index_url_name = "articles_reviews_due"
    index_results_url_name = "articles_reviews_due_results"
    results_template_name = "articles/admin/reviews_due_results.html"
    list_export = ["title", "next_review", "last_reviewed", "reviewer"]
    export_headings = {"next_review": "Next review due", "reviewer": "Reviewer"}
    paginate_by = 50
    columns = [
        TitleColumn("title", label="Article", url_name="wagtailadmin_pages:edit"),
        DateColumn("next_review", label="Next review due"),
        DateColumn("last_reviewed", label="Last reviewed"),
        Column("reviewer", label="Reviewer"),
        Column("review_status", label="Status"),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not can_see_reviews_due(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"clinical-reviews-due-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        today = timezone.localdate()
        articles = list(reviews_due_for_user(self.request.user, today))
        for article in articles:
            article.review_status = (
                "Overdue" if article.next_review < today else "Due soon"
            )
        return articles
