"""A visitor reaches out: the chat dialog on a phone, /chat/ without JavaScript, the contact page."""

from playwright.sync_api import expect

from tests.support.browser import SCREENSHOTS, fill_lead_form
from tests.support.leads import chat_requests, inquiries


def test_a_phone_visitor_chats_from_a_page(form_site, checker):
    page = checker.page
    checker.goto("/about/", "phone")
    page.locator(".action-bar__chat").click()
    dialog = page.locator("dialog[data-chat-dialog]")
    dialog.wait_for(state="visible")
    assert page.evaluate("document.activeElement.id") == "chat-now-title"
    # The token, submission id and stamp arrive from /chat/session/.
    expect(page.locator("[name=chat-stamp]")).not_to_have_value("")
    checker.assert_no_axe_violations("chat dialog open")
    checker.screenshot("chat-dialog-phone")

    fill_lead_form(page, "dialog[data-chat-dialog] [data-chat-body]", "chat", "Jordan")
    dialog.locator("#id_chat-first_message").fill("Questions about the evening program")
    with page.expect_response(lambda r: r.url.endswith("/chat/?sent=1")):
        dialog.get_by_role("button", name="Call me back").click()
    thanks = dialog.locator("[data-lead-thanks]")
    thanks.wait_for()
    assert page.url.endswith("/about/")  # no page load
    assert page.evaluate("document.activeElement.hasAttribute('data-lead-thanks')")
    lead = chat_requests().get()
    assert lead.preferred_name == "Jordan"
    assert lead.phone == "+18435550123"
    assert lead.source_path == "/about/"
    assert not lead.is_spam
    assert lead.reference in thanks.inner_text()
    checker.assert_no_axe_violations("chat dialog thank-you")
    checker.screenshot("chat-dialog-thanks-phone")

    dialog.get_by_role("button", name="Close").click()
    assert not dialog.is_visible()
    assert page.evaluate(
        "document.activeElement.classList.contains('action-bar__chat')"
    )

    # Opening it again starts a new, blank request.
    page.locator(".action-bar__chat").click()
    expect(dialog.locator("form[data-lead-form]")).to_be_visible()
    submission_id = page.locator("[name=chat-submission_id]")
    expect(submission_id).not_to_have_value("")
    expect(submission_id).not_to_have_value(str(lead.submission_id))
    callback = dialog.locator("[data-chat-body]")
    assert callback.get_by_label("First name").input_value() == ""
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    checker.assert_same_origin_only()


def test_the_dialog_shows_errors_in_place(form_site, checker):
    page = checker.page
    checker.goto("/", "desktop")
    page.locator(".site-header__chat").click()
    dialog = page.locator("dialog[data-chat-dialog]")
    # The token, submission id and stamp arrive from /chat/session/.
    expect(page.locator("[name=chat-stamp]")).not_to_have_value("")
    dialog.get_by_role("button", name="Call me back").click()
    summary = dialog.locator("[data-error-summary]")
    summary.wait_for()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    checker.assert_no_axe_violations("chat dialog errors")
    fill_lead_form(page, "dialog[data-chat-dialog] [data-chat-body]", "chat", "Ari")
    dialog.get_by_role("button", name="Call me back").click()
    dialog.locator("[data-lead-thanks]").wait_for()
    assert [lead.preferred_name for lead in chat_requests()].count("Ari") == 1


def test_chat_works_without_javascript(form_site, browser):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto(form_site.url + "/about/")
    page.locator(".action-bar__chat").click()
    page.wait_for_url("**/chat/")
    fill_lead_form(page, "main form[data-lead-form]", "chat", "Casey")
    page.get_by_role("button", name="Call me back").click()
    page.wait_for_url("**/chat/?sent=1")
    lead = chat_requests().get()
    assert lead.preferred_name == "Casey"
    assert lead.source_path == "/about/"
    assert lead.reference in page.locator("[data-lead-thanks]").inner_text()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(
        path=str(SCREENSHOTS / "chat-nojs-thanks-phone.png"), full_page=True
    )
    context.close()


def test_the_contact_page_error_and_thank_you_states(form_site, checker):
    checker.check("/contact/", "contact")
    page = checker.page
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    checker.check("/chat/", "chat")
    checker.goto("/contact/", "phone")
    page.get_by_role("button", name="Send my message").click()
    page.locator("[data-error-summary]").wait_for()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert inquiries().count() == 0
    checker.assert_no_axe_violations("contact page error state")
    checker.screenshot("contact-error-phone")
    # The summary links take the visitor to the field.
    page.locator("[data-error-summary] a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_inquiry-preferred_name"

    fill_lead_form(page, "main form[data-lead-form]", "inquiry", "Robin")
    page.get_by_label("Anything you would like us to know? (optional)").fill(
        "I think I overdosed last week and I am scared"
    )
    page.get_by_role("button", name="Send my message").click()
    page.wait_for_url("**/contact/?sent=1")
    lead = inquiries().get()
    assert lead.is_urgent
    thanks = page.locator("[data-lead-thanks]")
    assert thanks.inner_text().index("988") < thanks.inner_text().index(lead.reference)
    checker.assert_no_axe_violations("contact page thank-you")
    checker.screenshot("contact-thanks-phone")
    checker.goto("/contact/?sent=1", "desktop")
    checker.screenshot("contact-thanks-desktop")
    checker.assert_no_axe_violations("contact page thank-you, desktop")


def test_the_location_page_form(form_site, checker):
    checker.check("/locations/charleston/", "location-with-form")
    page = checker.page
    fill_lead_form(page, "#location-contact", "inquiry", "Sky")
    page.get_by_role("button", name="Send my message").click()
    page.wait_for_url("**/locations/charleston/?sent=1#location-contact")
    assert inquiries().get().location.slug == "charleston"
    checker.assert_no_axe_violations("location thank-you")


def test_nothing_but_the_page_is_fetched_before_it_has_loaded_and_painted(
    form_site, checker
):
    page = checker.page
    checker.goto("/about/", "phone")
    page.wait_for_selector("dialog[data-chat-dialog]", state="attached")
    timing = page.evaluate(
        """() => {
          const loaded = Math.max(
            performance.getEntriesByType("navigation")[0].loadEventStart,
            performance.getEntriesByName("first-contentful-paint")[0].startTime
          );
          return performance.getEntriesByType("resource")
            .filter((entry) => /\\/(static\\/js|chat)\\//.test(entry.name))
            .map((entry) => [entry.name, entry.startTime >= loaded]);
        }"""
    )
    names = [name for name, _ in timing]
    assert any("/static/js/chat." in name for name in names)
    assert any("/chat/dialog/?v=" in name for name in names)
    assert all(after_load for _, after_load in timing), timing
    # The dialog waits, closed, for a tap.
    assert not page.locator("dialog[data-chat-dialog]").is_visible()


def test_without_the_dialog_chat_with_us_goes_to_the_callback_form(form_site, checker):
    page = checker.page
    page.route("**/chat/dialog/**", lambda route: route.abort())
    # chat.js has run: its fetch of the dialog, once the page loaded, failed.
    with page.expect_event("requestfailed", lambda r: "/chat/dialog/" in r.url):
        checker.goto("/about/", "phone")
    with page.expect_navigation():
        page.locator(".action-bar__chat").click()
    assert page.url.endswith("/chat/")
    expect(page.get_by_role("heading", name="Chat with us", level=1)).to_be_visible()
