from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from .models import Topic
from .reviews import ReviewsDuePanel, ReviewsDueReportView, can_see_reviews_due

register_snippet(Topic)


class ReviewsDueMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_reviews_due(request.user)


@hooks.register("construct_homepage_panels")
def add_reviews_due_panel(request, panels):
    if can_see_reviews_due(request.user):
        panels.append(ReviewsDuePanel())


@hooks.register("register_admin_urls")
def register_reviews_due_urls():
    return [
        path(
            "reports/reviews-due/",
            ReviewsDueReportView.as_view(),
            name="articles_reviews_due",
        ),
        path(
            "reports/reviews-due/results/",
            ReviewsDueReportView.as_view(results_only=True),
            name="articles_reviews_due_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_reviews_due_menu_item():
    return ReviewsDueMenuItem(
        "Clinical reviews due",
        reverse("articles_reviews_due"),
        name="clinical-reviews-due",
        icon_name="time",
        order=150,
    )
