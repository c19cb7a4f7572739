"""Staff access in Chromium: first sign-in with enrolment, and the admin under its CSP."""

import struct
import zlib

from django.contrib.auth.models import Permission

from contact.permissions import get_lead_reviewers_group
from demo.factories.core import StandardPageFactory, ensure_root, make_site_root
from demo.factories.home import HomePageFactory
from demo.factories.leads import InquiryFactory
from lantana.core.models import User
from tests.support.auth import enrol_browser, enrolment_link, sign_in_browser

PASSWORD = "a-long-test-password"  # noqa: S105


def png_bytes(width=40, height=30) -> bytes:
    raw = b"".join(b"\x00" + b"\x80\x40\x20" * width for _ in range(height))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def test_new_intake_user_enrols_and_reaches_the_inbox(checker):
    home = HomePageFactory(parent=ensure_root())
    make_site_root(home)
    intake = User.objects.create_user("newhire", "newhire@lantana.example", PASSWORD)
    intake.groups.add(get_lead_reviewers_group())
    page = checker.page

    page.context.clear_cookies()
    # New staff open the set-up link an administrator gave them; it asks for the
    # password first.
    checker.goto(enrolment_link(intake), "phone")
    page.fill("#id_username", "newhire")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/access/enrol/link/**")
    checker.assert_no_axe_violations("set-up link")
    page.click("text=Start setting up")
    page.wait_for_url("**/admin/access/enrol/**")
    for width in ("phone", "desktop"):
        checker.page.set_viewport_size(
            {"width": 390 if width == "phone" else 1280, "height": 900}
        )
        checker.assert_no_axe_violations(f"enrolment at {width}")
        checker.screenshot(f"access-enrol-{width}")

    def look_at_codes(page):
        checker.assert_no_axe_violations("recovery codes")
        checker.screenshot("access-recovery-codes-desktop")

    codes = enrol_browser(page, before_continue=look_at_codes)
    assert len(codes) == 10
    page.wait_for_url("**/admin/")
    checker.assert_no_csp_violations("after enrolment")

    checker.goto("/admin/leads/", "desktop")
    assert page.locator("h1").inner_text()
    assert "/admin/leads/" in page.url
    checker.assert_no_csp_violations("lead inbox")

    # The next sign-in asks for a code; a wrong one gets one clear message.
    page.context.clear_cookies()
    checker.goto("/admin/login/", "phone")
    page.fill("#id_username", "newhire")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/access/verify/**")
    page.fill("#id_code", "000000")
    page.click("form.login-form button[type=submit]")
    page.wait_for_selector("text=That code did not work")
    checker.assert_no_axe_violations("second step with an error")
    checker.screenshot("access-verify-error-phone")
    checker.assert_same_origin_only()


def test_admin_pages_raise_no_csp_violation(checker):
    home = HomePageFactory(parent=ensure_root())
    make_site_root(home)
    about = StandardPageFactory(parent=home, title="About us", slug="about")
    lead = InquiryFactory(preferred_name="Csp Tester")
    admin = User.objects.create_superuser("boss", "boss@lantana.example", PASSWORD)
    assert Permission.objects.exists() and admin.is_superuser
    page = checker.page
    sign_in_browser(checker, "boss", PASSWORD)
    checker.assert_no_csp_violations("dashboard")
    checker.screenshot("access-dashboard-desktop")

    # The page editor with its StreamField, and an image block's chooser.
    checker.goto(f"/admin/pages/{about.pk}/edit/", "desktop")
    page.locator("button.c-sf-add-button").first.click()
    page.get_by_role("option", name="Image", exact=True).click()
    page.locator("button:has-text('Choose an image')").first.click()
    page.wait_for_selector(".modal-content .chooser-results, .modal-content form")
    checker.assert_no_csp_violations("page editor and image chooser")
    checker.screenshot("access-editor-chooser-desktop")

    # The live preview panel, then the draft view.
    checker.goto(f"/admin/pages/{about.pk}/edit/", "desktop")
    page.locator("button[data-side-panel-toggle='preview']").click()
    page.wait_for_selector("iframe[title]")
    page.wait_for_timeout(1500)
    checker.goto(f"/admin/pages/{about.pk}/view_draft/", "desktop")
    checker.assert_no_csp_violations("page preview")

    # Image upload.
    checker.goto("/admin/images/multiple/add/", "desktop")
    page.set_input_files(
        "input[type=file]",
        files=[{"name": "dune.png", "mimeType": "image/png", "buffer": png_bytes()}],
    )
    page.wait_for_selector("text=Update", timeout=15000)
    checker.assert_no_csp_violations("image upload")
    checker.screenshot("access-image-upload-desktop")

    # The lead desk.
    checker.goto("/admin/leads/", "desktop")
    checker.assert_no_csp_violations("lead inbox")
    checker.goto(f"/admin/leads/inspect/{lead.pk}/", "desktop")
    assert "Csp Tester" in page.inner_text("main")
    checker.assert_no_csp_violations("a lead")
    checker.assert_same_origin_only()
