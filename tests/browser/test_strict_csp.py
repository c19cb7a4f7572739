"""The admin under a CSP without 'unsafe-inline' for scripts or styles (issue 22):
Chromium reports no violation on the lead desk, a lead, the live panel and page
editors with choosers, date and time pickers, rich text and inline panels, and does
block a script of any other shape and a <style> that arrives in markup."""

from demo.factories.core import (
    StandardPageFactory,
    ensure_root,
    make_site_root,
)
from demo.factories.home import HomePageFactory
from demo.factories.leads import InquiryFactory
from demo.factories.locations import LocationIndexPageFactory, LocationPageFactory
from lantana.core.models import User
from tests.support.auth import sign_in_browser
from tests.support.browser import assert_admin_accessible

PASSWORD = "a-long-test-password"  # noqa: S105


def script_violations(checker) -> list[str]:
    return [v for v in checker.csp_violations() if "script" in v]


def script_policy(response) -> str:
    policy = response.headers["content-security-policy"]
    [scripts] = [part for part in policy.split(";") if "script-src" in part]
    return scripts


def style_policy(response) -> str:
    policy = response.headers["content-security-policy"]
    [styles] = [part for part in policy.split(";") if "style-src" in part]
    return styles


def test_admin_pages_run_wagtails_scripts_without_unsafe_inline(checker):
    home = HomePageFactory(parent=ensure_root())
    make_site_root(home)
    about = StandardPageFactory(parent=home, title="About us", slug="about")
    index = LocationIndexPageFactory(parent=home)
    clinic = LocationPageFactory(parent=index, title="Charleston", slug="charleston")
    lead = InquiryFactory(preferred_name="Csp Tester")
    User.objects.create_superuser("boss", "boss@lantana.example", PASSWORD)
    page = checker.page
    sign_in_browser(checker, "boss", PASSWORD)

    # The lead desk: its date filters are Wagtail's initDateChooser() inline.
    response = checker.goto("/admin/leads/", "desktop")
    scripts = script_policy(response)
    assert "'unsafe-inline'" not in scripts and "'sha256-" in scripts
    checker.assert_no_csp_violations("lead desk")
    assert_admin_accessible(checker, "lead desk")
    checker.screenshot("csp-lead-desk-desktop")
    checker.goto("/admin/leads/", "phone")
    checker.assert_no_csp_violations("lead desk at 390 px")
    checker.screenshot("csp-lead-desk-phone")

    response = checker.goto(f"/admin/leads/inspect/{lead.pk}/", "desktop")
    assert "'unsafe-inline'" not in script_policy(response)
    checker.assert_no_csp_violations("a lead")

    response = checker.goto("/admin/chats/", "desktop")
    assert "'unsafe-inline'" not in script_policy(response)
    page.wait_for_timeout(500)
    checker.assert_no_csp_violations("live panel")
    checker.screenshot("csp-live-panel-desktop")

    # Page editors: choosers, the go-live date input, an inline panel (hours).
    response = checker.goto(f"/admin/pages/{about.pk}/edit/", "desktop")
    scripts = script_policy(response)
    assert "'unsafe-inline'" not in scripts and "'sha256-" in scripts
    checker.assert_no_csp_violations("page editor")
    # The location editor: rich text (Draftail draws <style> elements of its own,
    # given the response's style nonce), the hours' inline panel and time picker.
    response = checker.goto(f"/admin/pages/{clinic.pk}/edit/", "desktop")
    scripts = script_policy(response)
    assert "'unsafe-inline'" not in scripts and "'sha256-" in scripts
    styles = style_policy(response)
    assert "'unsafe-inline'" not in styles and "'nonce-" in styles
    page.wait_for_timeout(500)
    assert page.locator(".Draftail-Editor").count() > 0
    assert page.evaluate("document.querySelectorAll('style').length") > 0
    checker.assert_no_csp_violations("location editor")
    # The inline panel really started: its "Add" button adds a form.
    add = page.locator("button[id$='-ADD']").first
    forms_before = page.locator("[id$='-TOTAL_FORMS']").first.input_value()
    add.click()
    assert page.locator("[id$='-TOTAL_FORMS']").first.input_value() != forms_before
    # The new row's time picker opens and sets a time.
    page.locator("input[name='hours-0-opens']").click()
    picker = page.locator(".xdsoft_datetimepicker:visible .xdsoft_time[data-hour='9']")
    picker.first.wait_for()
    picker.first.dispatch_event("click")  # the list scrolls under other fields
    assert page.locator("input[name='hours-0-opens']").input_value()
    # Typing in rich text redraws the editor's <style> elements.
    editor = page.locator(".Draftail-Editor [contenteditable='true']").first
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("Parking behind the building.")
    page.wait_for_timeout(300)
    checker.assert_no_csp_violations("location editor, time picker and rich text")
    checker.screenshot("csp-page-editor-desktop")

    # A <style> that arrives in markup has no nonce: blocked, and reported.
    page.evaluate(
        """() => document.body.insertAdjacentHTML("beforeend",
        "<style>body { outline: 9px solid red; }</style>")"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("getComputedStyle(document.body).outlineWidth") != "9px"
    assert any("style-src" in v for v in checker.csp_violations())
    checker.page.evaluate("window.__cspViolations = []")
    checker.csp_messages.clear()

    # A script of any other shape is blocked, and reported.
    page.evaluate(
        """() => { const s = document.createElement("script");
        s.textContent = "window.__injected = true"; document.body.append(s); }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.__injected === undefined")
    assert any("script-src" in v for v in checker.csp_violations())
