"""Notices, credentials and consent in Chromium: a notice and its archive, a
location page with its credentials, the consent a visitor ticks recorded word for
word; both widths, axe, nothing from another origin."""

import io

import pytest
from django.core.management import call_command

from contact.models import Lead
from notices.choices import ConsentPurpose
from notices.models import ConsentWording
from tests.support.leads import chat_requests, inquiries


@pytest.fixture
def demo(live_site, settings, tmp_path):
    settings.ACCESSIBILITY_RECORD = tmp_path / "accessibility-check.json"
    call_command("load_demo", stdout=io.StringIO())
    call_command("record_accessibility_check", commit="abc1234", stdout=io.StringIO())
    inquiries().all().delete()
    chat_requests().all().delete()
    settings.LEAD_MIN_FILL_SECONDS = 0
    return live_site


def check_a_notice_its_archive_and_the_footer(checker):
    checker.check("/notices/privacy-practices/", "notice-privacy-practices")
    page = checker.page
    assert page.get_by_role(
        "heading", name="Records of substance use treatment"
    ).count()
    assert page.get_by_text("Sample wording").count() == 1
    page.get_by_role("link", name="Earlier versions of this notice").click()
    page.wait_for_url("**/notices/privacy-practices/versions/")
    checker.check("/notices/privacy-practices/versions/", "notice-archive")
    checker.check("/notices/accessibility/", "notice-accessibility")
    assert page.get_by_text("When we last tested").count() == 1
    footer = page.locator("footer nav[aria-labelledby=footer-notices] a")
    assert footer.count() == 7
    # The same version in Spanish: its own words, the same number and archive.
    checker.check("/es/notices/privacy-practices/", "es-notice-privacy-practices")
    assert page.get_by_role(
        "heading", name="Registros del tratamiento por consumo de sustancias"
    ).count()
    assert page.locator(".notice__meta").inner_text().startswith("Versión 1,")
    assert page.locator(".prose [lang], .untranslated-note").count() == 0
    checker.check("/es/notices/privacy-practices/versions/", "es-notice-archive")


def check_a_location_shows_its_credentials(checker):
    checker.check("/locations/charleston/", "location-credentials")
    credentials = checker.page.locator(".credential")
    assert credentials.count() == 3
    assert "Valid through" in credentials.first.inner_text()
    assert (
        "Accepting new patients" in checker.page.locator(".availability").inner_text()
    )


def check_the_consent_is_recorded_word_for_word(checker):
    page = checker.page
    checker.goto("/contact/", "phone")
    label = page.locator("label[for=id_inquiry-consent]").inner_text()
    form = page.locator("form.lead-form").first
    form.get_by_label("What should we call you?").fill("Robin")
    form.get_by_label("Phone number").fill("843 555 0123")
    form.locator("#id_inquiry-consent").check()
    assert form.locator("a[href='/notices/privacy-practices/']").count() == 1
    checker.assert_no_axe_violations("contact form with notice links")
    with page.expect_response(lambda r: "sent=1" in r.url):
        form.get_by_role("button", name="Send my message").click()
    lead = Lead.objects.get()
    assert lead.consent_wording == ConsentWording.objects.current(
        ConsentPurpose.CONTACT
    )
    assert lead.consent_wording.text == label
    assert lead.allowed_channels == ["call"]


def test_notices_credentials_and_consent_in_the_browser(demo, checker):
    # One test, one demo load: each load_demo costs more than the checks.
    check_a_notice_its_archive_and_the_footer(checker)
    check_a_location_shows_its_credentials(checker)
    check_the_consent_is_recorded_word_for_word(checker)
