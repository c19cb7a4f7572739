"""Each rule of the importer, proved with a small export written here."""

import io
import json
import warnings

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from articles.models import ArticlePage, Topic
from lantana.core.models import StandardPage

from .exports import attachment, export, item, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(article_index, tmp_path):
    def run(text, *args, name="export.xml"):
        out = io.StringIO()
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            call_command(
                "import_wordpress", str(write(tmp_path, text, name)), *args, stdout=out
            )
        return out.getvalue()

    return run


def body(slug: str) -> list[dict]:
    return list(ArticlePage.objects.get(slug=slug).body.raw_data)


@pytest.mark.parametrize(
    ("namespace", "version"),
    [
        ("http://wordpress.org/export/1.0/", "1.0"),
        ("http://wordpress.org/export/1.1/", "1.1"),
        ("http://wordpress.org/export/1.2/", "1.2"),
        ("https://wordpress.org/export/1.2/", "1.2"),
    ],
)
def test_every_namespace_wordpress_writes_is_read(run, namespace, version):
    text = export(
        item(1, "Sleep", "<p>Body text of the post.</p>", excerpt="From the excerpt."),
        namespace=namespace,
        version=version,
    )
    output = run(text)
    assert "articles    1 created" in output
    assert ArticlePage.objects.get(slug="post-1").summary == "From the excerpt."


def test_an_unescaped_cdata_end_and_control_characters_are_mended(run):
    text = export(
        item(1, "Code", "<p>Arrays end with ]]> in PHP.\x0b Really.</p>"),
        item(2, "Other", "<p>Still here.</p>"),
    )
    output = run(text)
    assert "mending" in output and "articles    2 created" in output
    assert "]]&gt; in PHP. Really." in json.dumps(body("post-1"))


def test_a_truncated_export_is_still_refused_after_trying_to_mend_it(run):
    text = export(item(1, "Cut", "<p>Cut ]]> here</p>"))[:-200]
    with pytest.raises(CommandError, match="not complete, well-formed XML"):
        run(text)
    assert not ArticlePage.objects.exists()


def test_an_rss_feed_is_refused_with_a_true_message(run):
    feed = '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'
    with pytest.raises(CommandError, match="RSS feed but not a WordPress export"):
        run(feed)


def test_wordpress_com_blog_permalinks_redirect(run, client):
    """base_site_url is wordpress.com; the blog's own address is in <link>."""
    posts = [
        item(
            1,
            "First",
            '<p>See <a href="https://www.myblog.example/2013/01/12/second/">the '
            'second</a> and <a href="http://myblog.example/?p=2">again</a>.</p>',
            slug="first",
            link="https://myblog.example/2013/01/11/first/",
            categories=[("category", "care", "Care"), ("post_tag", "sleep", "sleep")],
        ),
        item(
            2,
            "Second",
            "<p>The second post.</p>",
            slug="second",
            link="https://myblog.example/2013/01/12/second/",
        ),
        attachment(
            9,
            "https://myblog.files.example/2013/01/a.pdf",
            parent="1",
            link="https://myblog.example/2013/01/11/first/a/",
        ),
    ]
    run(
        export(
            *posts,
            link="https://myblog.example",
            base_site="https://wordpress.com/",
            base_blog="https://myblog.example",
        ),
        "--publish",
    )
    first = ArticlePage.objects.get(slug="first")
    second = ArticlePage.objects.get(slug="second")
    for old, new in {
        "/2013/01/11/first/": first.url,
        "/2013/01/11/first": first.url,
        "/?p=2": second.url,
        "/category/care/": "/articles/topic/care/",
        "/tag/sleep/": "/search/?q=sleep",
        "/2013/01/11/first/a/": first.url,
        "/author/maya/": ArticlePage.objects.get(slug="first").author.url or "",
    }.items():
        response = client.get(old)
        assert response.status_code == 301, old
        if new:
            assert response["Location"] == new, old
    # Links to the old blog, written before their target existed, are page links.
    links = json.dumps(body("first"))
    assert links.count(f'<a id=\\"{second.pk}\\" linktype=\\"page\\">') == 2
    assert Topic.objects.filter(slug="care").exists()
    assert not Topic.objects.filter(slug="sleep").exists()
    assert first.keywords == "sleep"


def test_content_shapes_are_kept(run, tmp_path):
    content = """<h2>Facts</h2>
<table><caption>Hours</caption><thead><tr><th>Day</th><th>Open</th></tr></thead>
<tbody><tr><th>Monday</th><td>9–5</td></tr><tr><th>Tuesday</th><td>9–1</td></tr></tbody></table>
<dl><dt>Detox</dt><dd>Supervised <a href="https://samhsa.gov">withdrawal</a>.</dd></dl>
<pre>line one
    line two</pre>
Water is H<sub>2</sub>O and E = MC<sup>2</sup>, <del>old</del> <strike>older</strike> <s>oldest</s>.
The abbreviation <abbr title="Seriously">srsly</abbr> and <acronym title="For The Win">ftw</acronym> stay in one sentence.
<h4>Sub-heading</h4>
<ol start="3" reversed><li>three</li><li>two</li></ol>
<blockquote>Stay hungry.</blockquote>
<cite>Someone</cite> - a speech
[gallery]
[gallery ids="12"]"""
    run(
        export(
            item(1, "Shapes", content, slug="shapes"),
            attachment(11, "https://blog.example/wp-content/uploads/a.jpg", parent="1"),
            attachment(12, "https://blog.example/wp-content/uploads/b.jpg", parent="5"),
        ),
        "--uploads",
        str(make_images(tmp_path / "uploads", "a.jpg", "b.jpg")),
    )
    blocks = body("shapes")
    kinds = [block["type"] for block in blocks]
    assert kinds[:4] == ["heading", "table", "definition_list", "code"]
    table = blocks[1]["value"]
    assert table["table_caption"] == "Hours" and table["first_col_is_header"]
    assert table["data"][0] == ["Day", "Open"] and table["first_row_is_table_header"]
    assert blocks[3]["value"]["text"] == "line one\n    line two"
    rich = json.dumps(blocks)
    for kept in (
        "H<sub>2</sub>O",
        "MC<sup>2</sup>",
        "<s>old</s>",
        "<s>older</s>",
        "srsly (Seriously) and ftw (For The Win) stay in one sentence",
        "<h4>Sub-heading</h4>",
        '<ol reversed=\\"reversed\\" start=\\"3\\">',
        "samhsa.gov",
    ):
        assert kept in rich, kept
    quote = next(b for b in blocks if b["type"] == "quote")["value"]
    assert quote == {"quote": "Stay hungry.", "attribution": "Someone - a speech"}
    galleries = [b["value"] for b in blocks if b["type"] == "gallery"]
    assert [len(g["images"]) for g in galleries] == [1, 1]
    # Summary: the first real sentence, not a heading or a label.
    assert ArticlePage.objects.get(slug="shapes").summary.startswith("Water is H2O")
    page = ArticlePage.objects.get(slug="shapes")
    page.save_revision().publish()


def make_images(root, *names):
    root.mkdir(parents=True, exist_ok=True)
    for name in names:
        Image.new("RGB", (40, 30), (90, 120, 80)).save(root / name, "JPEG")
    return root


def test_audio_and_pdf_attachments_become_documents_with_links(run, tmp_path):
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    (uploads / "talk.mp3").write_bytes(b"ID3" + b"\0" * 100)
    (uploads / "guide.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    run(
        export(
            attachment(
                20, "https://blog.example/wp-content/uploads/guide.pdf", title="Guide"
            ),
            attachment(
                21, "https://blog.example/wp-content/uploads/talk.mp3", title="Talk"
            ),
            item(
                1,
                "Media",
                '<p>Read <a href="https://blog.example/wp-content/uploads/guide.pdf">'
                'the guide</a>.</p>[audio mp3="https://blog.example/wp-content/uploads/talk.mp3"][/audio]',
                slug="media",
            ),
        ),
        "--uploads",
        str(uploads),
    )
    documents = {d.title: d for d in get_document_model().objects.all()}
    assert set(documents) == {"Guide", "Talk"}
    rich = json.dumps(body("media"))
    for document in documents.values():
        assert f'<a id=\\"{document.pk}\\" linktype=\\"document\\">' in rich


def test_hostile_content(run, tmp_path, client):
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    Image.new("RGB", (20, 20), (1, 2, 3)).save(uploads / "poly.html", "PNG")
    run(
        export(
            item(
                1,
                "Nested",
                "<p>Kept words.</p><form><input name=a></form><svg><script>x()</script>"
                '</svg><p><img src="https://blog.example/wp-content/uploads/poly.html"></p>',
                slug="nested",
            ),
            item(
                2, "Escape", "<p>Up and out.</p>", post_type="page", slug="../../admin"
            ),
            item(3, "Search", "<p>Mine.</p>", post_type="page", slug="search"),
        ),
        "--uploads",
        str(uploads),
        "--publish",
    )
    assert "Kept words." in json.dumps(body("nested"))
    image = get_image_model().objects.get()
    assert image.file.name.endswith(".png")
    slugs = set(StandardPage.objects.values_list("slug", flat=True))
    assert slugs.isdisjoint({"admin", "search"})
    assert all(
        not url.startswith(("/admin/", "/search/"))
        for url in (p.url for p in StandardPage.objects.all())
    )
    assert client.get("/sitemap.xml").content.count(b"/admin/") == 0
    assert Page.objects.filter(slug__contains="/").count() == 0


def test_second_run_reports_unchanged_and_progress_is_plain_lines(run, tmp_path):
    text = export(
        item(
            1,
            "One",
            "<p>First post body here.</p>",
            categories=[("category", "c", "C")],
        ),
        item(2, "Two", "<p>Second post body here.</p>", post_type="page", slug="two"),
    )
    first = run(text)
    assert "posts and pages: 2 of 2" in first  # not a terminal: plain lines
    second = run(text)
    totals = second.split("Import finished.")[1].split("Notes:")[0]
    assert "created" not in totals and "updated" not in totals
    assert "unchanged" in totals
