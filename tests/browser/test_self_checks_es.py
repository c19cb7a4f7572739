"""A self-check in Spanish in Chromium, with and without JavaScript: the questions,
answers and result in Spanish, scored as in English, axe clean at both widths."""

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale

from demo.factories.core import ensure_root, make_site_root
from demo.factories.home import HomePageFactory
from demo.factories.selfchecks import SelfCheckPageFactory
from lantana.core.models import SiteSettings
from tests.support.browser import WIDTHS
from tests.support.languages import translate

REVIEW_NOTE = "todavía no la han revisado"


@pytest.fixture
def checks_es(live_site):
    # The live server's flush removed the migration's Spanish locale.
    spanish = Locale.objects.get_or_create(language_code="es")[0]
    home = HomePageFactory(parent=ensure_root())
    clinic = SiteSettings.for_site(make_site_root(home))
    clinic.phone = "(843) 555-0134"
    clinic.save()
    translate(home, spanish, title="Inicio", hero_heading="La recuperación es posible")
    audit = SelfCheckPageFactory(
        parent=home, instrument="audit", slug="audit", title="The full alcohol check"
    )
    dast = SelfCheckPageFactory(
        parent=home, instrument="dast-10", slug="drug-check", title="Check drug use"
    )
    return {
        "audit": translate(
            audit, spanish, title="La prueba completa sobre el alcohol", intro=""
        ),
        "dast-10": translate(
            dast, spanish, title="Revise su consumo de drogas", intro=""
        ),
    }


def fill_dast(page):
    for number in range(1, 11):
        page.locator(f"label[for=q{number}-{0 if number in (1, 2) else 1}]").click()
    page.locator("label[for=q3-1]").click()  # cannot always stop: scores


def test_a_spanish_self_check_with_javascript(checker, checks_es):
    page = checker.page
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method != "GET" else None)
    for width in WIDTHS:
        checker.goto(checks_es["audit"].url, width)
        expect(page.locator("html")).to_have_attribute("lang", "es")
        expect(page.get_by_text(REVIEW_NOTE).first).to_be_visible()
        expect(
            page.get_by_role(
                "group", name="1. ¿Con qué frecuencia toma usted una bebida"
            )
        ).to_be_visible()
        checker.assert_no_axe_violations(f"the Spanish AUDIT at {width}")
        checker.screenshot(f"self-check-es-{width}")
        for number in range(1, 9):
            page.locator(f"label[for=q{number}-2]").click()
        page.locator("label[for=q9-2]").click()  # someone hurt in the past year
        page.locator("label[for=q10-1]").click()
        page.get_by_role("button", name="Ver mi resultado").click()
        result = page.locator("[data-self-check-result]")
        expect(result).to_be_visible()
        expect(result).to_be_focused()
        expect(result.locator("[data-score]")).to_have_text("22")
        expect(result.locator("[data-urgent-box]")).to_be_visible()
        expect(result.get_by_role("link", name="Llamar al 988")).to_be_visible()
        expect(
            result.get_by_role(
                "heading",
                name="Posible dependencia del alcohol (puntuaciones de 20 a 40)",
            )
        ).to_be_visible()
        checker.assert_no_axe_violations(f"the Spanish AUDIT's result at {width}")
        checker.assert_no_csp_violations(f"the Spanish AUDIT at {width}")
        checker.screenshot(f"self-check-es-result-{width}")
        page.get_by_role("link", name="Hacer la prueba otra vez").click()
        expect(result).to_be_hidden()
    checker.assert_same_origin_only()
    assert posts == []  # scored on the page: no answer left it


def test_a_spanish_self_check_without_javascript(browser, live_site, checks_es):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_site.url + checks_es["dast-10"].url)
    fill_dast(page)
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="Ver mi resultado").click()
    assert answer.value.status == 200
    assert answer.value.url.startswith(live_site.url + "/es/self-check/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("[data-score]")).to_have_text("3")
    expect(
        page.get_by_role(
            "heading", name="Un nivel moderado de problemas (puntuaciones de 3 a 5)"
        )
    ).to_be_visible()
    expect(page.get_by_text("Su autor, Harvey A. Skinner")).to_be_visible()
    expect(page.locator("[data-urgent-box]")).to_be_hidden()
    assert context.cookies() == []
    context.close()


def test_the_spanish_no_javascript_result_is_accessible(checker, checks_es):
    """axe needs a script of its own: the self-check's script is blocked instead,
    so the form posts as it does without JavaScript."""
    page = checker.page
    page.route("**/self-check.js", lambda route: route.abort())
    for width in WIDTHS:
        checker.goto(checks_es["dast-10"].url, width)
        fill_dast(page)
        page.get_by_role("button", name="Ver mi resultado").click()
        page.wait_for_url("**/es/self-check/*/result/")
        expect(page.locator("[data-score]")).to_have_text("3")
        checker.assert_no_axe_violations(f"the Spanish no-JavaScript result at {width}")
        checker.assert_no_csp_violations(f"the Spanish no-JavaScript result at {width}")
        checker.screenshot(f"self-check-es-no-js-result-{width}")
