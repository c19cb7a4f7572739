"""A self-check in Chromium, with and without JavaScript: scored on the page, no
request carrying an answer, safety first, axe clean at both widths."""

import itertools

import pytest
from playwright.sync_api import expect

from demo.factories.core import ensure_root, make_site_root
from demo.factories.home import HomePageFactory
from demo.factories.selfchecks import SelfCheckPageFactory
from lantana.core.models import SiteSettings
from tests.support.browser import WIDTHS
from tests.support.selfchecks import (
    AUDIT_C_BANDS,
    AUDIT_C_POINTS,
    DAST_BANDS,
    DAST_POINTS,
    expected,
)

# Chooses each combination's answers, submits, and reads the score and shown band.
SCORE_ALL = """(combinations) => combinations.map((indexes) => {
    const form = document.querySelector("form[data-self-check]");
    indexes.forEach((index, item) => {
        form.querySelector(`input[name=q${item + 1}][value="${index}"]`).checked = true;
    });
    form.requestSubmit();
    const result = document.querySelector("[data-self-check-result]");
    const band = [...result.querySelectorAll("[data-band]")].filter((b) => !b.hidden);
    return [Number(result.querySelector("[data-score]").textContent),
            band.length === 1 ? [Number(band[0].dataset.low), Number(band[0].dataset.high)]
                              : null];
})"""
# Every request the page has made, as the browser itself counts them.
# Everything the page fetched but what the site script loads after the first
# paint, whenever that comes: its stylesheets and scripts, and the chat dialog's
# markup (never an answer: GETs of fixed files).
RESOURCES = """() => performance.getEntriesByType("resource").map((r) => r.name)
    .filter((name) => !/^\\/(static|chat\\/dialog)\\//.test(new URL(name).pathname))"""


@pytest.fixture
def checks(live_site):
    home = HomePageFactory(parent=ensure_root())
    clinic = SiteSettings.for_site(make_site_root(home))
    clinic.phone = "(843) 555-0134"
    clinic.save()
    return {
        "audit-c": SelfCheckPageFactory(parent=home, instrument="audit-c"),
        "dast-10": SelfCheckPageFactory(
            parent=home,
            instrument="dast-10",
            slug="drug-check",
            title="Check your drug use",
        ),
        "audit": SelfCheckPageFactory(
            parent=home,
            instrument="audit",
            slug="audit",
            title="The full alcohol check",
        ),
    }


def record_requests(page) -> list:
    seen = []
    page.on("request", lambda r: seen.append((r.method, r.url, r.post_data or "")))
    return seen


def test_scored_in_the_browser_with_no_request_carrying_an_answer(checker, checks):
    """One page load per instrument; every combination is chosen and submitted
    inside the page, scored by the page's own script (self-check.js), and its score
    and shown band compared with the published tables (tests/support/selfchecks)."""
    page = checker.page
    for slug, points, bands, answers, count in (
        ("audit-c", AUDIT_C_POINTS, AUDIT_C_BANDS, 5, 125),
        ("dast-10", DAST_POINTS, DAST_BANDS, 2, 1024),
    ):
        checker.goto(checks[slug].url, "desktop")
        seen = record_requests(page)
        resources = page.evaluate(RESOURCES)
        combinations = [
            list(c) for c in itertools.product(range(answers), repeat=len(points))
        ]
        scored = page.evaluate(SCORE_ALL, combinations)
        assert len(scored) == len(combinations) == count, slug
        wrong = [
            (combination, got, want)
            for combination, got, want in zip(
                combinations,
                scored,
                (
                    [total, list(band)]
                    for total, band in (
                        expected(points, bands, c) for c in combinations
                    )
                ),
                strict=True,
            )
            if got != want
        ]
        # Compared here, not by pytest's diff of two 1,024-item lists (very slow).
        assert wrong == [], f"{slug}: {len(wrong)} wrong, first {wrong[:3]}"
        # Nothing at all left the page while scoring: no request, no beacon.
        assert page.evaluate(RESOURCES) == resources
        assert [s for s in seen if s[0] != "GET" or "q1" in s[1]] == []
        assert "q1" not in page.url and "?" not in page.url


def test_a_self_check_with_javascript(checker, checks):
    page = checker.page
    seen = record_requests(page)
    for width in WIDTHS:
        checker.goto(checks["audit"].url, width)
        checker.assert_no_axe_violations(f"the AUDIT at {width}")
        checker.screenshot(f"self-check-{width}")
        for number in range(1, 9):
            page.locator(f"label[for=q{number}-2]").click()
        page.locator("label[for=q9-2]").click()  # someone hurt in the past year
        page.locator("label[for=q10-1]").click()
        page.get_by_role("button", name="See my result").click()
        result = page.locator("[data-self-check-result]")
        expect(result).to_be_visible()
        expect(result).to_be_focused()
        expect(result.locator("[data-score]")).to_have_text("22")
        expect(result.locator("[data-urgent-box]")).to_be_visible()
        expect(result.get_by_role("link", name="Call 988")).to_be_visible()
        expect(
            result.get_by_role(
                "heading", name="Possible alcohol dependence (scores 20–40)"
            )
        ).to_be_visible()
        talk = result.get_by_role("link", name="Talk to us")
        assert "?" not in talk.get_attribute("href")
        checker.assert_no_axe_violations(f"the AUDIT's result at {width}")
        checker.assert_no_csp_violations(f"the AUDIT at {width}")
        checker.screenshot(f"self-check-result-{width}")
        page.get_by_role("link", name="Take the check again").click()
        expect(result).to_be_hidden()
    checker.assert_same_origin_only()
    assert [s for s in seen if s[0] != "GET"] == []
    assert all("q1" not in url and "q9" not in url for _, url, _ in seen)


def fill_dast(page):
    for number in range(1, 11):
        page.locator(f"label[for=q{number}-{0 if number in (1, 2) else 1}]").click()
    page.locator("label[for=q3-1]").click()  # cannot always stop: scores


def test_a_self_check_without_javascript(browser, live_site, checks):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    seen = record_requests(page)
    base = live_site.url
    page.goto(base + checks["dast-10"].url)
    fill_dast(page)
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="See my result").click()
    response = answer.value
    assert response.status == 200
    assert response.headers["cache-control"] == "private, no-store"
    assert "q1" not in page.url and "?" not in page.url
    expect(page.locator("[data-score]")).to_have_text("3")
    expect(
        page.get_by_role("heading", name="A moderate level of problems (scores 3–5)")
    ).to_be_visible()
    expect(page.locator("[data-urgent-box]")).to_be_hidden()
    # The answers went once, in a POST body to our own origin, and nowhere else.
    posts = [s for s in seen if s[0] == "POST"]
    assert len(posts) == 1 and posts[0][1].startswith(base)
    assert [s for s in seen if s[0] != "POST" and "q1" in s[1] + s[2]] == []
    assert context.cookies() == []
    context.close()


def test_the_no_javascript_result_is_accessible(checker, checks):
    """axe needs a script of its own: the self-check's script is blocked instead,
    so the form posts as it does without JavaScript."""
    page = checker.page
    page.route("**/self-check.js", lambda route: route.abort())
    for width in WIDTHS:
        checker.goto(checks["dast-10"].url, width)
        fill_dast(page)
        page.get_by_role("button", name="See my result").click()
        page.wait_for_url("**/self-check/*/result/")
        expect(page.locator("[data-score]")).to_have_text("3")
        checker.assert_no_axe_violations(f"the no-JavaScript result at {width}")
        checker.assert_no_csp_violations(f"the no-JavaScript result at {width}")
        checker.screenshot(f"self-check-no-js-result-{width}")
