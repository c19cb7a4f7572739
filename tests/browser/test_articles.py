"""Articles in Chromium: index, a topic, the demo article; contents and phone layout."""

import io
from urllib.parse import urlencode

import pytest
from django.core.management import call_command

from articles.factories import make_clinician
from home.models import HomePage

ARTICLE = "/articles/social-model-of-recovery/"


@pytest.fixture
def demo(live_site):
    # The staff demo creates these two; on their own, articles must still work.
    from staff.models import ClinicianPage

    call_command("load_demo", stdout=io.StringIO())
    home = HomePage.objects.first()
    if not ClinicianPage.objects.filter(slug="maya-okafor").exists():
        make_clinician(home, "maya-okafor", "Maya", "Okafor", "LMSW")
        make_clinician(home, "daniel-reyes", "Daniel", "Reyes", "MD")
        from articles.models import ArticlePage

        article = ArticlePage.objects.get(slug="social-model-of-recovery")
        article.author = ClinicianPage.objects.get(slug="maya-okafor")
        article.reviewer = ClinicianPage.objects.get(slug="daniel-reyes")
        article.last_reviewed = article.next_review.replace(
            year=article.next_review.year - 1
        )
        article.save_revision().publish()
    return live_site


def test_article_pages_pass_axe_at_both_widths(checker, demo):
    checker.check("/articles/", "articles-index")
    checker.check("/articles/topic/family/", "articles-topic")
    checker.check(ARTICLE, "article-social-model")
    checker.check("/search/?q=recovery", "search-results")
    # FTS5 syntax of the kind that was a 500 on SQLite: now a calm "nothing found".
    checker.check("/search/?" + urlencode({"q": '"<>" \\ (*)'}), "search-no-results")
    assert checker.page.locator(".empty-state").is_visible()


def test_toc_link_moves_to_its_section(checker, demo):
    page = checker.page
    checker.goto(ARTICLE, "desktop")
    link = page.locator(".article-toc a", has_text="Hope and resilience")
    link.click()
    page.wait_for_function("location.hash === '#hope-and-resilience'")
    heading = page.locator("#hope-and-resilience")
    page.wait_for_function(
        "() => { const r = document.getElementById('hope-and-resilience')"
        ".getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight / 2; }"
    )
    assert heading.is_visible()


def test_toc_is_collapsed_on_a_phone_and_opens_on_tap(checker, demo):
    page = checker.page
    checker.goto(ARTICLE, "phone")
    toc = page.locator("[data-article-toc]")
    first_link = toc.locator("a").first
    assert toc.get_attribute("open") is None
    assert not first_link.is_visible()
    toc.locator("summary").click()
    assert first_link.is_visible()
    checker.screenshot("article-toc-open-phone")
    first_link.click()
    page.wait_for_function("location.hash.length > 1")
    toc.locator("summary").click()
    assert not first_link.is_visible()


def test_toc_is_collapsible_without_javascript(browser, demo):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto(demo.url + ARTICLE)
    summary = page.locator("[data-article-toc] summary")
    link = page.locator("[data-article-toc] a").first
    assert not link.is_visible()
    summary.click()
    assert link.is_visible()
    context.close()


def test_toc_is_open_on_a_wide_screen_without_javascript(browser, demo):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(demo.url + ARTICLE)
    assert page.locator("[data-article-toc] a").first.is_visible()
    context.close()
