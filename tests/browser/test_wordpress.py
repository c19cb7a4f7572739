"""An article imported from WordPress, in Chromium at both widths, with axe."""

import io

from django.core.management import call_command

from articles.models import ArticlePage
from tests.wordpress.helpers import SAMPLE, make_uploads
from wordpress.models import ImportedItem


def imported_post(wp_id: str) -> ArticlePage:
    # The demo has articles of the same names: the import gave its own new slugs.
    imported = ImportedItem.objects.get(kind="post", wp_id=wp_id)
    return ArticlePage.objects.get(pk=imported.object_id)


def test_imported_article_passes_axe_at_both_widths(checker, tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    uploads = make_uploads(tmp_path / "uploads")
    out = io.StringIO()
    call_command(
        "import_wordpress",
        str(SAMPLE),
        "--uploads",
        str(uploads),
        "--publish",
        stdout=out,
    )
    article = imported_post("101")
    assert article.live
    checker.check(article.url, "wordpress-article")
    page = checker.page
    assert page.locator(".article-toc a").count() == 5
    assert page.locator("figure.content-figure img").count() >= 1
    assert page.locator("iframe, script[src*='youtube']").count() == 0

    sleep = imported_post("102")
    checker.check(sleep.url, "wordpress-article-embeds")
    link = page.locator("a[href='https://www.youtube.com/watch?v=abc123']")
    assert link.count() == 1
