"""The site looks intentional: an article's first lines in sight on a laptop, full
rows of cards, a short topic filter, and people shown at a portrait's size."""

import datetime

import pytest

from demo.blocks import paragraphs, stream
from demo.factories.articles import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    TopicFactory,
)
from demo.factories.core import (
    ImageFactory,
)
from demo.factories.locations import LocationIndexPageFactory, LocationPageFactory
from demo.factories.staff import (
    ClinicianLocationFactory,
    ClinicianPageFactory,
    StaffIndexPageFactory,
)
from tests.support.browser import SCREENSHOTS

LAPTOP = {"width": 1280, "height": 800}
ROW_GAPS = """(list) => {
    const right = list.getBoundingClientRect().right;
    const rows = {};
    for (const item of list.children) {
        const box = item.getBoundingClientRect();
        const top = Math.round(box.top);
        rows[top] = Math.max(rows[top] || 0, box.right);
    }
    return Object.values(rows).map((end) => Math.round(right - end));
}"""
LONG_TITLE = "What to expect in the first week of outpatient treatment for alcohol use"


@pytest.fixture
def eleven_articles(home):
    """Eleven articles (a full page of nine, then two); twenty topics, a few used
    more than the rest."""
    index = ArticleIndexPageFactory(parent=home)
    topics = [TopicFactory(name=f"Subject {n:02}") for n in range(20)]
    team = StaffIndexPageFactory(parent=home)
    author = ClinicianPageFactory(parent=team, first_name="Maya", last_name="Okafor")
    today = datetime.date.today()
    for n in range(11):
        article = ArticlePageFactory(
            parent=index,
            title=LONG_TITLE if n == 0 else f"Article {n}",
            slug=f"article-{n}",
            publication_date=today - datetime.timedelta(days=n),
            hero_image=ImageFactory(),
            author=author,
            summary=(
                "A plain-language guide to the first days: what happens at the first "
                "appointment, who you will meet, and how families can help."
            ),
            body=stream(
                paragraphs(
                    "The first paragraph of the article, which a reader should see "
                    "without scrolling.",
                    "A second paragraph.",
                )
            ),
        )
        article.topics.set(topics[: 5 + 3 * n] if n < 6 else topics[:2])
        article.save()
    return index


def test_an_article_shows_its_first_paragraph_above_the_fold(checker, eleven_articles):
    page = checker.page
    page.set_viewport_size(LAPTOP)
    page.goto(checker.base + "/articles/article-0/")
    first = page.locator(".article-body p").first.bounding_box()
    assert first["y"] + first["height"] <= LAPTOP["height"], first
    hero = page.locator(".article-hero img").bounding_box()
    assert hero["height"] <= 300, hero
    checker.assert_no_axe_violations("article at 1280 x 800")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "looks-article-1280x800.png"))


def test_article_cards_fill_their_rows_and_the_topic_filter_stays_short(
    checker, eleven_articles
):
    page = checker.page
    for width in ("desktop", "phone"):
        for listing in ("/articles/?page=2", "/articles/"):
            checker.goto(listing, width)
            # Every row ends at the grid's right edge: no orphan, no hole.
            gaps = page.eval_on_selector(".article-list", ROW_GAPS)
            assert all(gap <= 1 for gap in gaps), (listing, width, gaps)
            checker.screenshot(f"looks-articles{listing.count('2')}-{width}")
        pills = page.locator(".topic-filter > ul > li")
        assert pills.count() == 1 + 8  # "All topics" and the most used eight
        assert page.locator(".topic-filter__more summary").is_visible()
        assert page.locator(".topic-filter").bounding_box()["height"] < 420
        checker.assert_no_axe_violations(f"article index at {width}")
    # The most used topic first; the rest one tap away.
    assert page.locator(".topic-filter > ul > li").nth(1).inner_text() == "Subject 00"
    page.locator(".topic-filter__more summary").click()
    more = page.locator(".topic-filter__all a")
    assert more.count() == 20 - 8
    more.first.click()
    page.wait_for_url("**/articles/topic/**")
    current = page.locator('.topic-filter > ul a[aria-current="page"]')
    assert current.count() == 1  # the chosen topic joins the short list


def test_team_cards_on_a_location_page_show_people_at_a_portrait_size(checker, home):
    location = LocationPageFactory(
        parent=LocationIndexPageFactory(parent=home), title="Charleston", slug="chs"
    )
    team = StaffIndexPageFactory(parent=home)
    names = [("Maya", "Okafor"), ("Daniel", "Reyes"), ("Tamika", "Grant")]
    names += [("Sam", "Lee")]
    for first, last in names:
        clinician = ClinicianPageFactory(parent=team, first_name=first, last_name=last)
        ClinicianLocationFactory(clinician=clinician, location=location)
    page = checker.page
    for width in ("desktop", "phone"):
        checker.goto("/locations/chs/", width)
        monograms = page.locator(".clinician-card .monogram")
        assert monograms.count() == 4
        initials = {first[0] + last[0] for first, last in names}
        assert set(monograms.all_inner_texts()) == initials
        for n in range(4):
            box = monograms.nth(n).bounding_box()
            assert 56 <= box["width"] <= 112 and box["width"] == box["height"], box
        checker.assert_no_axe_violations(f"location team at {width}")
        checker.screenshot(f"looks-location-{width}")
