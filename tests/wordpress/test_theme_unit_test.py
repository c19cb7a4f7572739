"""WordPress's own theme unit test export, which nobody here wrote.

The file is not in this repository (it belongs to WordPress/theme-test-data);
point WP_THEME_TEST_DATA at a copy of themeunittestdata.wordpress.xml to run these.
"""

import io
import os
import warnings
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect

from articles.models import ArticlePage, Topic
from demo.factories.articles import ArticleIndexPageFactory
from wordpress import wxr
from wordpress.importer import plain

THEME_TEST_DATA = os.environ.get("WP_THEME_TEST_DATA", "")
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not (THEME_TEST_DATA and Path(THEME_TEST_DATA).is_file()),
        reason="WP_THEME_TEST_DATA does not name a copy of WordPress's "
        "themeunittestdata.wordpress.xml (github.com/WordPress/theme-test-data)",
    ),
]


def run(*args) -> str:
    out = io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a stray warning would reach stderr
        call_command("import_wordpress", THEME_TEST_DATA, *args, stdout=out)
    return out.getvalue()


def published_posts() -> list[wxr.Item]:
    return [
        item
        for item in wxr.iter_content(Path(THEME_TEST_DATA))
        if item.post_type == "post" and item.status == "publish" and not item.password
    ]


def test_the_export_imports_unedited_keeps_its_addresses_and_reruns_unchanged(
    home, client
):
    """One import (it takes minutes), every claim of the issue checked against it."""
    ArticleIndexPageFactory(parent=home)
    first = run("--publish")
    assert "Import finished." in first

    # Every published post's permalink answers 301 to its own article.
    posts = published_posts()
    assert len(posts) > 40
    for item in posts:
        path = wxr.permalink_path(item.link)
        response = client.get(path if "?" in path else f"{path}/")
        assert response.status_code == 301, item.link
        redirect = Redirect.objects.get(old_path=Redirect.normalise_path(path))
        target = ArticlePage.objects.get(pk=redirect.redirect_page_id)
        assert response["Location"] == target.url
        assert target.title == (plain(item.title) or f"Post {item.wp_id}")

    # "Markup: HTML Tags and Formatting" keeps its shapes.
    response = client.get("/2013/01/11/markup-html-tags-and-formatting/", follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<th scope="col"' in html and "Jane Bloggs" in html
    assert "<dl" in html and "<dt>Startup</dt>" in html
    assert 'class="code-block"' in html and "Two roads diverged" in html
    assert "H<sub>2</sub>O" in html and "MC<sup>2</sup>" in html
    assert "<s>strike-through</s>" in html
    assert "srsly (Seriously)" in html
    assert "<h4>Header four</h4>" in html
    assert '<ol start="8">' in html and 'reversed="reversed"' in html
    assert "multiple contributors" in html
    markup = ArticlePage.objects.get(slug="markup-html-tags-and-formatting")
    assert markup.summary.startswith("These supported tags come from")

    # Categories are topics; tags are search keywords.
    tags_only = {"css", "html", "content-2", "markup-2", "formatting-2"}
    assert not Topic.objects.filter(slug__in=tags_only).exists()
    assert "css" in markup.keywords

    # A second run creates nothing and reports everything unchanged.
    counts = (ArticlePage.objects.count(), Redirect.objects.count())
    second = run("--publish")
    assert (ArticlePage.objects.count(), Redirect.objects.count()) == counts
    totals = second.split("Import finished.")[1].split("Notes:")[0]
    assert "created" not in totals and "updated" not in totals, totals
