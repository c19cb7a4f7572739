"""Forms on cached pages, in a real browser: with JavaScript and without."""

import pytest

from contact.models import Lead
from tests.support.browser import SCREENSHOTS, fill_lead_form

pytestmark = pytest.mark.browser


@pytest.fixture
def cached(form_site, settings):
    settings.PAGE_CACHE_SECONDS = 300
    return form_site


def test_the_cached_contact_page_sends_with_javascript(cached, checker):
    page = checker.page
    checker.goto("/contact/", "phone")
    response = page.goto(cached.url + "/contact/")
    assert response.headers.get("x-page-cache") == "hit"
    fill_lead_form(page, "main form[data-lead-form]", "inquiry", "Robin")
    page.get_by_role("button", name="Send my message").click()
    page.wait_for_url("**/contact/?sent=1")
    assert Lead.objects.get().preferred_name == "Robin"
    checker.assert_no_axe_violations("thank-you after a cached form")


def test_the_cached_location_form_sends_without_javascript(cached, browser):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.set_default_timeout(120_000)  # the first visit draws every rendition
    page.goto(cached.url + "/locations/charleston/", wait_until="domcontentloaded")
    response = page.goto(cached.url + "/locations/charleston/")
    assert response.headers.get("x-page-cache") == "hit"
    fill_lead_form(page, "#location-contact", "inquiry", "Casey")
    page.get_by_role("button", name="Send my message").click()
    notice = page.locator("#location-contact .lead-form__notice")
    notice.wait_for()
    assert "press Send once more" in notice.inner_text()
    assert page.locator("#id_inquiry-preferred_name").input_value() == "Casey"
    assert not Lead.objects.exists()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "location-nojs-resend-phone.png"))
    page.get_by_role("button", name="Send my message").click()
    page.wait_for_url("**/locations/charleston/?sent=1*")
    assert Lead.objects.get().preferred_name == "Casey"
    context.close()


@pytest.fixture
def kept_parts(form_site, built_site, settings):
    settings.FRAGMENT_CACHE_SECONDS = 3600  # the page cache stays off (test settings)
    return built_site


@pytest.mark.parametrize(
    ("shown", "name"), [("home", "home-kept-parts"), ("article", "article-kept")]
)
def test_pages_drawn_from_kept_parts(kept_parts, checker, shown, name):
    # Not `page`: pytest-playwright names its browser page so.
    path = getattr(kept_parts, shown).url
    checker.goto(path)  # draws the parts and keeps them
    checker.check(path, name)  # both widths from the kept parts: axe, CSP, origins
    assert checker.page.locator("main h1").count() == 1
