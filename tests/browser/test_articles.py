"""Articles in Chromium: index, a topic, an article; contents and phone layout."""

from urllib.parse import urlencode

import pytest


@pytest.fixture
def built(live_site, built_site):
    """The built site (tests/fixtures.py), served."""
    return built_site


def test_article_pages_pass_axe_at_both_widths(checker, built):
    checker.check(built.article_index.url, "articles-index")
    checker.check(f"{built.article_index.url}topic/family/", "articles-topic")
    checker.check(built.article.url, "article")
    checker.check("/search/?q=recovery", "search-results")
    assert checker.page.locator(".search-result, .article-card").count() >= 1
    # FTS5 syntax of the kind that was a 500 on SQLite: now a calm "nothing found".
    checker.check("/search/?" + urlencode({"q": '"<>" \\ (*)'}), "search-no-results")
    assert checker.page.locator(".empty-state").is_visible()


def test_toc_link_moves_to_its_section(checker, built):
    page = checker.page
    checker.goto(built.article.url, "desktop")
    link = page.locator(".article-toc a", has_text="Hope and resilience")
    link.click()
    page.wait_for_function("() => location.hash === '#hope-and-resilience'")
    heading = page.locator("#hope-and-resilience")
    page.wait_for_function(
        "() => { const r = document.getElementById('hope-and-resilience')"
        ".getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight / 2; }"
    )
    assert heading.is_visible()


def test_toc_is_collapsed_on_a_phone_and_opens_on_tap(checker, built):
    page = checker.page
    checker.goto(built.article.url, "phone")
    toc = page.locator("[data-article-toc]")
    first_link = toc.locator("a").first
    assert toc.get_attribute("open") is None
    assert not first_link.is_visible()
    toc.locator("summary").click()
    assert first_link.is_visible()
    checker.screenshot("article-toc-open-phone")
    first_link.click()
    page.wait_for_function("() => location.hash.length > 1")
    toc.locator("summary").click()
    assert not first_link.is_visible()


def test_toc_is_collapsible_without_javascript(browser, live_site, built):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto(live_site.url + built.article.url)
    summary = page.locator("[data-article-toc] summary")
    link = page.locator("[data-article-toc] a").first
    assert not link.is_visible()
    summary.click()
    assert link.is_visible()
    context.close()


def test_toc_is_open_on_a_wide_screen_without_javascript(browser, live_site, built):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(live_site.url + built.article.url)
    assert page.locator("[data-article-toc] a").first.is_visible()
    context.close()
