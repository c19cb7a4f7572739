"""Reviews due: the dashboard panel and the admin listing list exactly what is due."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles.models import get_clinical_reviewer_groups
from articles.reviews import reviews_due
from lantana.core.models import User
from tests.support.auth import sign_in

TODAY = datetime.date.today()


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def due_articles(make_article):
    make_article(title="Overdue long ago", next_review=days(-100))
    make_article(title="Overdue yesterday", next_review=days(-1))
    make_article(title="Due today", next_review=days(0))
    make_article(title="Due in 30 days", next_review=days(30))
    make_article(title="Due in 31 days", next_review=days(31))
    make_article(title="No review date", next_review=None)
    make_article(title="Overdue draft", next_review=days(-5), live=False)


EXPECTED = ["Overdue long ago", "Overdue yesterday", "Due today", "Due in 30 days"]


def test_reviews_due_lists_overdue_and_soon_due_oldest_first(due_articles):
    assert [a.title for a in reviews_due()] == EXPECTED


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser("boss", "boss@example.com", "pw")


def test_dashboard_panel_lists_exactly_the_due_articles(
    client, due_articles, admin_user
):
    sign_in(client, admin_user)
    response = client.get(reverse("wagtailadmin_home"))
    page = BeautifulSoup(response.content, "html.parser")
    panel = page.select_one('[aria-labelledby="reviews-due-title"]')
    rows = panel.select("tbody tr")
    assert [row.select_one("td a").get_text() for row in rows] == EXPECTED
    first_link = rows[0].select_one("td a")["href"]
    assert first_link.startswith("/admin/pages/") and first_link.endswith("/edit/")
    assert "Overdue" in rows[0].get_text()
    assert "Overdue" not in rows[3].get_text()


def test_clinical_reviewers_see_the_panel(client, due_articles, article_index):
    user = User.objects.create_user("rev", password="pw")  # noqa: S106
    user.groups.add(get_clinical_reviewer_groups().get())
    sign_in(client, user)
    response = client.get(reverse("wagtailadmin_home"))
    assert b"Clinical reviews due" in response.content
    assert b"Overdue long ago" in response.content


def test_users_without_page_permissions_do_not_see_the_panel(client, due_articles):
    user = User.objects.create_user("intake", password="pw")  # noqa: S106
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    sign_in(client, user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert b"reviews-due-title" not in response.content
    assert b"Clinical reviews due" not in response.content  # nor in the menu
    assert client.get(reverse("articles_reviews_due")).status_code in (302, 403)


def test_admin_listing_of_reviews_due(client, due_articles, admin_user):
    sign_in(client, admin_user)
    response = client.get(reverse("articles_reviews_due"))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    titles = [a.get_text(strip=True) for a in page.select("table tbody td.title a")]
    assert titles[: len(EXPECTED)] == EXPECTED
    assert len(titles) == len(EXPECTED)
    assert "Overdue" in page.get_text() and "Due soon" in page.get_text()
    export = client.get(reverse("articles_reviews_due") + "?export=csv")
    assert export.status_code == 200
    assert b"Overdue long ago" in b"".join(export.streaming_content)


def test_empty_panel_says_nothing_is_due(client, admin_user, article_index):
    sign_in(client, admin_user)
    response = client.get(reverse("wagtailadmin_home"))
    assert b"No article is due for clinical review" in response.content
