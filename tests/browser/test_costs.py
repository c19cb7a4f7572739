"""The cost page and a location's facts in Chromium, on the demo site: the cost
page at both widths with axe, the insurance check sent with JavaScript and
without it (the token-less post is shown again and sent once more), and the
Charleston page showing its facts, credentials and availability."""

import io

import pytest
from django.core.management import call_command

from contact.models import Lead
from tests.support.browser import SCREENSHOTS
from tests.support.leads import leads_from


@pytest.fixture
def demo(live_site, settings, tmp_path):
    settings.DEMO_LOGIN_DIR = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    Lead.objects.all().delete()
    settings.LEAD_MIN_FILL_SECONDS = 0  # Playwright types faster than any person
    return live_site


def fill_insurance_check(form, name: str):
    form.get_by_label("First name").fill(name)
    form.get_by_label("Phone number").fill("843 555 0123")
    form.get_by_label("Your insurer").select_option(label="Cigna")
    # Plans are grouped under each insurer's name; several insurers share plan names.
    plan = form.locator("optgroup[label='Cigna'] option", has_text="Marketplace plan")
    form.get_by_label("Your plan").select_option(plan.get_attribute("value"))
    form.get_by_label("What kind of plan is it?").select_option("employer")
    form.locator("#id_insurance-consent").check()


def check_the_cost_page(checker):
    checker.check("/paying-for-care/", "cost-page")
    page = checker.page
    insurers = page.locator(".insurer-list li")
    assert insurers.count() == 6
    estimate = page.locator(".cost__estimate")
    assert estimate.get_by_role("link", name="Request a good-faith estimate").count()
    assert estimate.locator("a[href='/notices/good-faith-estimate/']").count() == 1


def check_the_cost_page_in_spanish(checker):
    """The demo's Spanish cost page: its content translated, and every word of
    the interface around it Spanish too."""
    checker.check("/es/como-pagar/", "cost-page-es")
    page = checker.page
    headings = page.locator(".cost h2").all_inner_texts()
    assert "Seguro médico" in headings and "Lo que se cobra aparte" in headings
    assert "Su derecho a un cálculo de buena fe" in headings  # as the notice says
    notice = page.locator(".cost__estimate p a").last
    assert notice.inner_text() == "Su derecho a un cálculo de buena fe"
    assert "Revisamos su seguro con usted" in headings  # the editor's words
    form = page.locator("#insurance-check form.lead-form")
    assert form.get_by_label("Su plan").count() == 1
    assert form.get_by_role("button", name="Revisar mi seguro").count() == 1


def check_the_insurance_check_with_javascript(checker):
    page = checker.page
    checker.goto("/paying-for-care/", "desktop")
    form = page.locator("#insurance-check form.lead-form")
    fill_insurance_check(form, "Robin")
    with page.expect_response(lambda r: "sent=1" in r.url):
        form.get_by_role("button", name="Check my insurance").click()
    lead = leads_from("insurance").get()
    assert (lead.preferred_name, lead.insurer.name) == ("Robin", "Cigna")
    assert lead.insurer_plan.name == "Marketplace plan"
    thanks = page.locator("[data-lead-thanks]")
    assert lead.reference in thanks.inner_text()
    checker.assert_no_axe_violations("insurance check thank-you")
    checker.screenshot("cost-insurance-thanks-desktop")


def check_the_insurance_check_without_javascript(browser, base_url):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto(base_url + "/paying-for-care/")
    form = page.locator("#insurance-check form.lead-form")
    fill_insurance_check(form, "Casey")
    form.get_by_role("button", name="Check my insurance").click()
    # The cached page carried no token: the form comes back as typed, with one.
    notice = page.locator(".lead-form__notice")
    notice.wait_for()
    assert "press Send once more" in notice.inner_text()
    assert leads_from("insurance").count() == 1  # Robin's, sent with JavaScript
    form = page.locator("form.lead-form")
    assert form.get_by_label("First name").input_value() == "Casey"
    form.locator("#id_insurance-consent").check()
    form.get_by_role("button", name="Check my insurance").click()
    page.wait_for_url("**/paying-for-care/?sent=1*")
    lead = leads_from("insurance").latest("received_at")
    assert lead.preferred_name == "Casey" and leads_from("insurance").count() == 2
    assert lead.reference in page.locator("[data-lead-thanks]").inner_text()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(
        path=str(SCREENSHOTS / "cost-nojs-thanks-phone.png"), full_page=True
    )
    context.close()


def check_a_location_with_facts_credentials_and_availability(checker):
    checker.check("/locations/charleston/", "location-facts")
    page = checker.page
    facts = page.locator(".location-facts")
    for label in ("Intensive outpatient", "Spanish", "Sliding fee scale", "Cigna"):
        assert label in facts.inner_text(), label
    assert page.locator(".credential").count() == 3
    assert "Accepting new patients" in page.locator(".availability").inner_text()


def test_the_cost_page_and_location_facts_in_the_browser(demo, checker, browser):
    # One test, one demo load: each load_demo costs more than the checks.
    check_the_cost_page(checker)
    check_the_cost_page_in_spanish(checker)
    check_a_location_with_facts_credentials_and_availability(checker)
    check_the_insurance_check_with_javascript(checker)
    check_the_insurance_check_without_javascript(browser, demo.url)
