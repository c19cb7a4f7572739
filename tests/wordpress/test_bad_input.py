"""Files that are not a usable WordPress export: one clear line, nothing written."""

import pytest
from django.core.management.base import CommandError
from wagtail.models import Page

from articles.models import ArticlePage
from wordpress.models import ImportedItem

from .helpers import SAMPLE

pytestmark = pytest.mark.django_db

BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss><channel><title>&lol4;</title></channel></rss>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss><channel><title>&secret;</title></channel></rss>
"""
PLAIN_RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>A podcast</title>
<item><title>Episode 1</title><link>https://example.org/1</link></item>
</channel></rss>
"""
OTHER_XML = """<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/</loc></url></urlset>
"""


def write(tmp_path, name: str, content: str | bytes):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def assert_rejected(run_import, path, *words):
    pages = Page.objects.count()
    with pytest.raises(CommandError) as caught:
        run_import(export=path)
    message = str(caught.value)
    assert "\n" not in message
    assert "Nothing was imported" in message
    for word in words:
        assert word in message
    assert Page.objects.count() == pages
    assert ImportedItem.objects.count() == 0


def test_a_truncated_export_is_refused_before_anything_is_written(run_import, tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    # Cut after the posts, so a streaming import would already have written some.
    cut = text[: text.index("<title>Our approach</title>")]
    assert_rejected(run_import, write(tmp_path, "cut.xml", cut), "line", "cut short")


def test_malformed_xml_is_refused(run_import, tmp_path):
    broken = SAMPLE.read_text(encoding="utf-8").replace(
        "</wp:post_id>", "</wp:post>", 1
    )
    assert_rejected(run_import, write(tmp_path, "broken.xml", broken), "well-formed")


@pytest.mark.parametrize("content", [BOMB, EXTERNAL], ids=["entity-bomb", "external"])
def test_entities_and_dtds_are_refused(run_import, tmp_path, content):
    assert_rejected(run_import, write(tmp_path, "bomb.xml", content), "XML bomb")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (PLAIN_RSS, ("not a WordPress export", "Tools → Export")),
        (OTHER_XML, ("not a WordPress export", "<urlset>")),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", ("well-formed",)),
        ("", ("well-formed",)),
    ],
    ids=["rss-feed", "sitemap", "binary", "empty"],
)
def test_other_files_are_refused(run_import, tmp_path, content, words):
    assert_rejected(run_import, write(tmp_path, "other.xml", content), *words)


def test_a_missing_file_or_uploads_folder_is_a_clear_error(run_import, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run_import(export=tmp_path / "nope.xml")
    from django.core.management import call_command

    with pytest.raises(CommandError, match="is not a folder"):
        call_command("import_wordpress", str(SAMPLE), "--uploads", str(tmp_path / "x"))


def test_a_huge_post_body_is_skipped_with_a_reason(run_import, tmp_path):
    huge = "<p>" + "All work and no play. " * 240_000 + "</p>"  # about 5 MB
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "<p>Who covers the phones over the holidays.", huge + "<p>Who covers"
    )
    output = run_import(export=write(tmp_path, "huge.xml", text))
    assert "holiday-cover" not in set(
        ArticlePage.objects.values_list("slug", flat=True)
    )
    assert "over the 2 MB limit" in output
    assert ArticlePage.objects.filter(slug="social-model-of-recovery").exists()


def test_a_windows_1252_export_is_read(run_import, tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace('encoding="UTF-8"', 'encoding="windows-1252"')
    text = text.replace("🌱", "").replace("💙", "").replace("\u0092", "’")
    text = text.replace("\u0093", "“").replace("\u0094", "”")
    path = write(tmp_path, "cp1252.xml", text.encode("cp1252"))
    run_import(export=path)
    page = ArticlePage.objects.get(slug="alcohol-and-anxiety")
    assert "That’s why “just one”" in str(page.get_latest_revision_as_object().body)


def test_html_soup_imports_without_a_traceback(run_import, tmp_path):
    soup = (
        "<div><p>Unclosed <b>bold <i>and italic</b> text<li>a stray item"
        "<table><tr><td>cell<td>cell</table><h2>Heading <a href='javascript:x'>"
        "with link</h2></a><img src=><p><<<>>>&&&;</div></span></span>"
    )
    text = (
        SAMPLE.read_text(encoding="utf-8")
        .replace("<p>We have moved.</p>", soup)
        .replace("old-announcement__trashed", "soup")
        .replace("<wp:status><![CDATA[trash]]>", "<wp:status><![CDATA[publish]]>")
    )
    run_import(export=write(tmp_path, "soup.xml", text))
    page = ArticlePage.objects.get(slug="soup").get_latest_revision_as_object()
    raw = str(list(page.body.raw_data))
    assert "javascript" not in raw
    assert "Unclosed" in raw
