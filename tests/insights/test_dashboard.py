"""The Insights dashboard: its own permission, charts with tables, CSV, the page
editor's panel; built from demo aggregates."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from demo.factories.articles import ArticleIndexPageFactory, ArticlePageFactory
from demo.factories.contact import ContactPageFactory
from demo.insights import build_insights
from insights.models import DailyPageCount
from tests.support.auth import sign_in

URL = "/admin/insights/"


@pytest.fixture
def pages(home):
    index = ArticleIndexPageFactory(parent=home, slug="articles")
    article = ArticlePageFactory(parent=index, slug="one")
    ContactPageFactory(parent=home, slug="contact")
    assert build_insights() == 90
    assert build_insights() == 0  # idempotent
    return {"article": article}


@pytest.fixture
def reader(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="x" * 16)
    user.groups.add(Group.objects.get(name="Insights readers"))
    return sign_in(client, user)


def test_only_the_insights_permission_opens_it(client, django_user_model, pages):
    editor = django_user_model.objects.create_user("editor", password="x" * 16)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    signed_in = sign_in(client, editor)
    refused = signed_in.get(URL)  # Wagtail turns a refusal into a way back
    assert (refused.status_code, refused.url) == (302, "/admin/")
    panel = signed_in.get(reverse("insights_page_panel", args=[pages["article"].pk]))
    assert panel.status_code == 302
    assert "Insights" not in signed_in.get("/admin/").content.decode()


def test_charts_tables_top_articles_and_slow_pages(reader, pages):
    response = reader.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<svg class="insights__svg"') == 3 and html.count("<desc") == 3
    assert html.count('<tr><th scope="row">') >= 90
    assert "/articles/one/" in html  # top articles by leads started
    assert "Over the good line" in html  # articles were made slow in the demo
    assert reader.get(URL + "?days=90").status_code == 200
    assert reader.get(URL + "?days=7").status_code == 400


def test_csv_export(reader, pages):
    response = reader.get(URL + "?days=30&export=pages")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == "day,path,page_type,views,leads_started,leads_sent"
    assert len(lines) > 30
    assert reader.get(URL + "?export=nope").status_code == 400


def test_a_path_is_never_a_formula(reader, pages):
    DailyPageCount.objects.create(
        day=DailyPageCount.objects.latest("day").day,
        path="=HYPERLINK()",
        page_type="x.Y",
    )
    assert "'=HYPERLINK()" in reader.get(URL + "?export=pages").content.decode()


def test_the_page_editor_panel(reader, pages, admin_client):
    article = pages["article"]
    panel = reader.get(reverse("insights_page_panel", args=[article.pk]))
    assert panel.status_code == 200
    assert "Last 30 days on this page" in panel.content.decode()
    editor = admin_client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert "insights/js/editor-panel.js" in editor.content.decode()
