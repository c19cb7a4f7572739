"""Reaching a person when nobody is online, on a phone: call and text first, a
two-field callback with and without JavaScript, 988 and 911 always in reach."""

import pytest
from playwright.sync_api import expect

from demo.factories.contact import ContactPageFactory
from demo.factories.core import (
    StandardPageFactory,
    ensure_root,
    make_site_root,
)
from demo.factories.home import HomePageFactory
from lantana.core.models import SiteSettings
from tests.support.browser import SCREENSHOTS
from tests.support.leads import chat_requests

PHONE = {"width": 390, "height": 844}
DIALOG = "dialog[data-chat-dialog]"


@pytest.fixture
def reaching_out_site(live_site, settings):
    home = HomePageFactory(parent=ensure_root())
    clinic = SiteSettings.for_site(make_site_root(home))
    clinic.phone = "(843) 555-0134"
    clinic.text_line = "(843) 555-0178"
    clinic.save()
    StandardPageFactory(parent=home, title="About us", slug="about")
    ContactPageFactory(parent=home)
    settings.LEAD_MIN_FILL_SECONDS = 0  # Playwright types faster than any person
    return live_site


def in_viewport(page, selector: str) -> bool:
    """Wholly inside the window and not covered by anything else."""
    return page.evaluate(
        """(selector) => {
            const element = document.querySelector(selector);
            const box = element.getBoundingClientRect();
            if (box.width === 0 || box.top < 0 || box.bottom > window.innerHeight) {
                return false;
            }
            const hit = document.elementFromPoint(
                box.left + box.width / 2, box.top + box.height / 2);
            return element.contains(hit);
        }""",
        selector,
    )


def open_dialog(checker):
    page = checker.page
    checker.goto("/about/", "phone")
    page.locator(".action-bar__chat").click()
    page.locator(DIALOG).wait_for(state="visible")
    expect(page.locator("[name=chat-stamp]")).not_to_have_value("")
    return page, page.locator(DIALOG)


def test_the_offline_dialog_puts_call_and_text_first_with_the_call_bar_in_sight(
    checker, reaching_out_site
):
    page, dialog = open_dialog(checker)
    for selector in (
        f"{DIALOG} .chat-now__call",
        f"{DIALOG} .chat-now__text",
        f'{DIALOG} .chat-now__crisis a[href="tel:988"]',
        f'{DIALOG} .chat-now__crisis a[href="sms:988"]',
        ".action-bar__call",
    ):
        assert in_viewport(page, selector), selector
    assert dialog.locator(".chat-now__call").get_attribute("href") == "tel:+18435550134"
    assert dialog.locator(".chat-now__text").get_attribute("href") == "sms:+18435550178"
    # Focus starts at the top, not in a field whose keyboard would hide the buttons.
    assert page.evaluate("document.activeElement.id") == "chat-now-title"
    # The page behind cannot be reached, the Call bar can.
    assert page.evaluate("document.querySelector('main').closest('[inert]') !== null")
    assert (
        page.evaluate("document.querySelector('.action-bar').closest('[inert]')")
        is None
    )
    checker.assert_no_axe_violations("offline dialog open")
    page.screenshot(path=str(SCREENSHOTS / "reach-dialog-open-phone.png"))

    details = dialog.locator(".lead-form__details")
    details.locator("summary").click()
    expect(dialog.get_by_label("Best time to reach you")).to_be_visible()
    checker.assert_no_axe_violations("offline dialog, details open")
    dialog.locator(".lead-form__details-toggle").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "reach-dialog-details-phone.png"))
    details.locator("summary").click()

    dialog.get_by_role("button", name="Call me back").click()
    summary = dialog.locator("[data-error-summary]")
    summary.wait_for()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert chat_requests().count() == 0
    checker.assert_no_axe_violations("offline dialog, errors")
    page.screenshot(path=str(SCREENSHOTS / "reach-dialog-errors-phone.png"))

    dialog.get_by_label("First name").fill("Jordan")
    dialog.get_by_label("Phone number").fill("843 555 0123")
    dialog.locator("#id_chat-consent").check()
    with page.expect_response(lambda r: r.url.endswith("/chat/?sent=1")):
        dialog.get_by_role("button", name="Call me back").click()
    thanks = dialog.locator("[data-lead-thanks]")
    thanks.wait_for()
    lead = chat_requests().get()
    assert (lead.preferred_name, lead.phone) == ("Jordan", "+18435550123")
    assert lead.source_path == "/about/"
    assert lead.reference in thanks.inner_text()
    assert in_viewport(page, ".action-bar__call")
    checker.assert_no_axe_violations("offline dialog, thank-you")
    page.screenshot(path=str(SCREENSHOTS / "reach-dialog-thanks-phone.png"))

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    # The page behind leaves inert once the dialog has finished closing.
    expect(page.locator("[inert]")).to_have_count(0)
    assert page.evaluate(
        "document.activeElement.classList.contains('action-bar__chat')"
    )
    checker.assert_same_origin_only()
    checker.assert_no_csp_violations("offline dialog")


def test_a_crisis_callback_from_the_dialog_gets_988_and_911_first(
    checker, reaching_out_site
):
    page, dialog = open_dialog(checker)
    dialog.get_by_label("First name").fill("Ari")
    dialog.get_by_label("Phone number").fill("843 555 0123")
    dialog.locator(".lead-form__details summary").click()
    dialog.locator("#id_chat-first_message").fill("I want to die, I can't do this")
    dialog.locator("#id_chat-consent").check()
    dialog.get_by_role("button", name="Call me back").click()
    urgent = dialog.locator(".lead-thanks__urgent")
    urgent.wait_for()
    assert chat_requests().get().is_urgent
    page.screenshot(path=str(SCREENSHOTS / "reach-dialog-crisis-phone.png"))
    assert in_viewport(page, f'{DIALOG} .lead-thanks__urgent a[href="tel:988"]')
    assert in_viewport(page, f'{DIALOG} .lead-thanks__urgent a[href="tel:911"]')
    checker.assert_no_axe_violations("offline dialog, crisis thank-you")


def test_the_two_field_callback_works_without_javascript(browser, reaching_out_site):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(reaching_out_site.url + "/about/")
    page.locator(".action-bar__chat").click()
    page.wait_for_url("**/chat/")
    expect(page.locator(".action-bar__call")).to_be_visible()
    expect(page.locator(".chat-now__call")).to_be_visible()
    details = page.locator(".lead-form__details")
    expect(details).not_to_have_attribute("open", "")
    page.get_by_role("button", name="Call me back").click()  # empty: errors
    expect(page.locator("[data-error-summary]")).to_be_visible()
    page.get_by_label("First name").fill("Casey")
    page.get_by_label("Phone number").fill("(843) 555-0123")
    page.locator("#id_chat-consent").check()
    page.get_by_role("button", name="Call me back").click()
    page.wait_for_url("**/chat/?sent=1")
    lead = chat_requests().get()
    assert (lead.preferred_name, lead.phone) == ("Casey", "+18435550123")
    assert lead.reference in page.locator("[data-lead-thanks]").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "reach-nojs-thanks-phone.png"))
    context.close()


def test_the_phone_banner_keeps_911_and_the_contact_page_offers_a_call_first(
    checker, reaching_out_site
):
    page = checker.page
    checker.goto("/contact/", "phone")
    emergency = page.locator('.crisis-banner a[href="tel:911"]')
    expect(emergency).to_be_visible()
    side = page.locator(".lead-side").bounding_box()
    form = page.locator("main form[data-lead-form]").bounding_box()
    assert side["y"] + side["height"] <= form["y"]
    checker.assert_no_axe_violations("contact page, phone")
    checker.screenshot("reach-contact-phone")
    checker.goto("/contact/", "desktop")
    side = page.locator(".lead-side").bounding_box()
    form = page.locator("main form[data-lead-form]").bounding_box()
    assert side["x"] > form["x"] + form["width"]  # beside it on a wide screen
    checker.assert_no_axe_violations("contact page, desktop")
    checker.screenshot("reach-contact-desktop")
