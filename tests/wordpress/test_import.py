"""Importing the sample export: articles, clinicians, images, pages, redirects, reruns."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Workflow, WorkflowState

from articles.models import ArticlePage, Topic
from lantana.core.models import StandardPage
from staff.models import ClinicianPage
from wordpress.models import ImportedItem

from .helpers import SAMPLE

pytestmark = pytest.mark.django_db

ARTICLE = "social-model-of-recovery"


def article(slug: str) -> ArticlePage:
    page = ArticlePage.objects.get(slug=slug)
    return page.get_latest_revision_as_object()


def body_json(page) -> str:
    return json.dumps(list(page.body.raw_data))


def snapshot() -> dict:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "topics": Topic.objects.count(),
        "redirects": Redirect.objects.count(),
        "imported": ImportedItem.objects.count(),
        "workflows": WorkflowState.objects.count(),
    }


def test_posts_become_articles_with_their_details(run_import):
    run_import()
    page = article(ARTICLE)
    assert page.title == "The social model of recovery: why people heal among people"
    assert page.summary.startswith("Why connection with other people")
    assert page.publication_date == datetime.date(2023, 5, 14)
    assert page.author.full_name == "Maya Okafor"
    # Categories are topics; tags are search keywords unless --tags-as-topics.
    assert {t.slug for t in page.topics.all()} == {"recovery"}
    assert "family" in page.keywords
    assert page.hero_image.title == "Garden path at the Wentworth Street clinic"
    # No excerpt: the summary is the first paragraph.
    assert article("sleep-in-early-recovery").summary.startswith("Poor sleep is one")
    assert article("sleep-in-early-recovery").author.full_name == "James Brooks"


def test_long_article_body_becomes_our_blocks(run_import):
    run_import()
    blocks = list(article(ARTICLE).body.raw_data)
    types = [block["type"] for block in blocks]
    headings = [
        (b["value"]["text"], b["value"]["level"])
        for b in blocks
        if b["type"] == "heading"
    ]
    assert headings == [
        ("What the social model is", "h2"),
        ("Where it came from", "h3"),
        ("How it helps", "h2"),
        ("Hope and resilience", "h3"),
        ("Getting started", "h2"),
    ]
    image = next(b["value"] for b in blocks if b["type"] == "image")
    assert image["caption"].startswith("The garden behind our Wentworth Street clinic")
    assert image["alt_text"] == "A brick path through the clinic garden"
    assert types[-1] == "references"
    references = blocks[-1]["value"]["references"]
    assert references[0]["url"] == "https://www.samhsa.gov/find-support/in-recovery"
    text = body_json(article(ARTICLE))
    assert "<ol><li>Talk to someone you trust" in text
    assert "Jump to section" not in text
    assert "#what-it-is" not in text
    assert "author-box" not in text and "ten years helping" not in text


def test_table_of_contents_lists_the_imported_headings(run_import, client):
    run_import("--publish")
    response = client.get(ArticlePage.objects.get(slug=ARTICLE).url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    toc = [a.get_text(strip=True) for a in soup.select(".article-toc a")]
    assert toc == [
        "What the social model is",
        "Where it came from",
        "How it helps",
        "Hope and resilience",
        "Getting started",
    ]
    for link in soup.select(".article-toc a"):
        assert soup.find(id=link["href"].lstrip("#")) is not None
    # Only our own contents box links to sections: the hand-made one is gone.
    fragment_links = soup.select('main a[href^="#"]:not(.article-toc a)')
    assert [a["href"] for a in fragment_links if a["href"] != "#main"] == []


def test_images_are_in_the_library_once_with_alt_text(run_import):
    output = run_import()
    images = {image.title: image for image in get_image_model().objects.all()}
    assert set(images) == {
        "Garden path at the Wentworth Street clinic",
        "A family walking on Folly Beach",
    }
    assert images["A family walking on Folly Beach"].description == (
        "Three people walking along the shore at sunset"
    )
    assert "quiet-bedroom.jpg skipped: not found" in output
    # The article whose image is missing imports without an image block.
    sleep = article("sleep-in-early-recovery")
    assert "image" not in [block["type"] for block in sleep.body.raw_data]
    # The gallery shortcode's image is the same library image, used again.
    families = article("families-helping-without-burning-out")
    used = [
        picture["image"]
        for b in families.body.raw_data
        if b["type"] == "gallery"
        for picture in b["value"]["images"]
    ]
    assert used == [images["A family walking on Folly Beach"].pk]


def test_nothing_executable_embedded_or_styled_survives(run_import, client):
    output = run_import("--publish")
    for page in [*ArticlePage.objects.all(), *StandardPage.objects.all()]:
        raw = body_json(page.get_latest_revision_as_object()).lower()
        for forbidden in ("<script", "<iframe", "style=", "onclick", "tracker", "<!--"):
            assert forbidden not in raw, (page.slug, forbidden)
    sleep = ArticlePage.objects.get(slug="sleep-in-early-recovery")
    html = client.get(sleep.url).content.decode()
    assert "<iframe" not in html
    assert 'href="https://www.youtube.com/watch?v=abc123"' in html
    assert 'href="https://www.youtube-nocookie.com/embed/xyz789"' in html
    assert "removed a <script>" in output
    assert "unknown shortcode [cta_box]" in output


def test_text_encodings_and_emoji_come_through(run_import):
    run_import()
    anxiety = body_json(article("alcohol-and-anxiety"))
    assert "It\\u2019s a loop" in anxiety  # double-encoded UTF-8 repaired
    assert "That\\u2019s why \\u201cjust one\\u201d" in anxiety  # Windows-1252 bytes
    assert "[sic] brackets in prose stay" in anxiety
    assert "\\ud83d\\udc99" in body_json(
        article("families-helping-without-burning-out")
    )
    assert "\\ud83c\\udf31" in body_json(article(ARTICLE))
    assert article("families-helping-without-burning-out").title == (
        "How families can help – without burning out"
    )


def test_authors_become_clinician_drafts_with_the_author_box_bio(run_import):
    output = run_import()
    maya = ClinicianPage.objects.get(first_name="Maya")
    assert not maya.live
    assert maya.get_latest_revision_as_object().short_bio.startswith(
        "Maya Okafor is a licensed master social worker"
    )
    james = ClinicianPage.objects.get(first_name="James", last_name="Brooks")
    assert james.get_parent().specific_class.__name__ == "StaffIndexPage"
    assert "clinician draft Maya Okafor created" in output


def test_an_existing_clinician_is_matched_not_duplicated(run_import, home):
    from demo.factories.articles import make_clinician

    existing = make_clinician(home, "maya-okafor", "Maya", "Okafor", "LMSW")
    run_import()
    assert ClinicianPage.objects.filter(first_name="Maya").count() == 1
    assert article(ARTICLE).author_id == existing.pk


def test_pages_keep_their_hierarchy_under_home(run_import, home):
    run_import()
    about = StandardPage.objects.get(slug="about-us")
    approach = StandardPage.objects.get(slug="our-approach")
    assert about.get_parent().pk == home.pk
    assert approach.get_parent().pk == about.pk
    assert approach.get_latest_revision_as_object().intro == (
        "How we work with you and your family."
    )


def test_drafts_private_and_trashed_posts_stay_unpublished(run_import):
    output = run_import("--publish")
    draft = ArticlePage.objects.get(title="What to expect at your first appointment")
    private = ArticlePage.objects.get(slug="holiday-cover")
    for page in (draft, private):
        assert not page.live
        assert page.workflow_in_progress is False
    assert draft.slug == "what-to-expect-at-your-first-appointment"
    assert not ArticlePage.objects.filter(title="Old announcement").exists()
    assert "its status is “trash”" in output
    assert ArticlePage.objects.get(slug=ARTICLE).live


def test_publish_keeps_wordpress_dates(run_import):
    run_import("--publish")
    page = ArticlePage.objects.get(slug=ARTICLE)
    assert page.first_published_at == datetime.datetime(
        2023, 5, 14, 13, 30, tzinfo=datetime.UTC
    )
    assert page.last_published_at == datetime.datetime(
        2024, 2, 1, 15, 0, tzinfo=datetime.UTC
    )


def test_without_publish_articles_go_to_clinical_review(run_import, article_index):
    output = run_import()
    page = ArticlePage.objects.get(slug=ARTICLE)
    assert not page.live
    state = page.current_workflow_state
    assert state is not None and state.workflow.name == "Clinical review"
    assert "submitted to the “Clinical review” workflow" in output
    draft = ArticlePage.objects.get(title="What to expect at your first appointment")
    assert draft.current_workflow_state is None


def test_no_workflow_is_reported_not_fatal(run_import):
    Workflow.objects.update(active=False)
    output = run_import()
    assert not ArticlePage.objects.get(slug=ARTICLE).live
    assert "no workflow applies to articles" in output
    assert WorkflowState.objects.count() == 0


def test_old_addresses_redirect_permanently(run_import, client):
    run_import("--publish")
    social = ArticlePage.objects.get(slug=ARTICLE)
    about = StandardPage.objects.get(slug="about-us")
    expected = {
        "/2023/05/social-model-of-recovery/": social.url,
        "/?p=101": social.url,
        "/?page_id=301": about.url,
        "/about/": about.url,
        "/category/recovery/": "/articles/topic/recovery/",
        "/category/mental-health/co-occurring/": "/articles/topic/co-occurring/",
        "/tag/sleep/": "/search/?q=Sleep",
        "/?cat=6": "/articles/topic/mental-health/",
    }
    for old, new in expected.items():
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == new, old
    assert client.get("/articles/topic/co-occurring/").status_code == 200
    # Unpublished posts get no redirect, and the home page still answers.
    assert client.get("/?p=104").status_code == 200
    assert client.get("/2024/11/holiday-cover/").status_code == 404


def test_a_second_run_creates_nothing(run_import):
    run_import()
    before = snapshot()
    output = run_import()
    assert snapshot() == before
    assert "created" not in output.split("Problems")[0]
    assert "articles    6 unchanged" in output


def test_a_second_run_updates_what_changed(run_import, tmp_path):
    run_import("--publish")
    page_id = ArticlePage.objects.get(slug=ARTICLE).pk
    changed = tmp_path / "changed.xml"
    changed.write_text(
        SAMPLE.read_text(encoding="utf-8").replace(
            "Small steps count.", "Small steps really count."
        ),
        encoding="utf-8",
    )
    before = snapshot()
    output = run_import("--publish", export=changed)
    assert "articles    1 updated, 5 unchanged" in output
    page = ArticlePage.objects.get(pk=page_id)
    assert "Small steps really count." in body_json(page)
    after = snapshot()
    assert after["pages"] == before["pages"] and after["images"] == before["images"]


def test_dry_run_writes_nothing_and_reports_the_same(run_import, settings):
    before = snapshot()
    dry = run_import("--dry-run")
    assert snapshot() == before
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))
    real = run_import()
    assert dry.replace("Dry run: nothing was written.", "Import finished.") == real


def test_a_page_whose_parent_was_not_imported_goes_under_home(
    run_import, tmp_path, home
):
    orphan = tmp_path / "orphan.xml"
    orphan.write_text(
        SAMPLE.read_text(encoding="utf-8").replace(
            "<wp:post_parent>301</wp:post_parent>",
            "<wp:post_parent>999</wp:post_parent>",
        ),
        encoding="utf-8",
    )
    output = run_import(export=orphan)
    assert StandardPage.objects.get(slug="our-approach").get_parent().pk == home.pk
    assert "its WordPress parent (id 999) was not imported" in output


def test_the_home_page_still_answers_other_query_strings(run_import, client):
    run_import("--publish")
    assert client.get("/?p=99999").status_code == 200
    assert client.get("/?utm_source=x").status_code == 200


def test_a_broken_image_file_is_reported_and_the_article_still_imports(
    run_import, uploads
):
    (uploads / "2023/05/garden-path.jpg").write_bytes(b"not really a jpeg")
    output = run_import()
    assert "2023/05/garden-path.jpg is not a readable image" in output
    page = article(ARTICLE)
    assert page.hero_image is None
    assert "image" not in [block["type"] for block in page.body.raw_data]
