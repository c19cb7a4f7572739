"""A Spanish-speaking visitor on a phone and a desktop: reads the article in
Spanish, switches to English and back, opens "Escríbanos" and asks for a
callback, all in Spanish (the consent it ticks, the errors of a first try and the
thank-you); axe finds nothing at either width."""

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale

from demo.blocks import heading, paragraphs, stream
from demo.factories.articles import ArticleIndexPageFactory, ArticlePageFactory
from demo.factories.core import ensure_root, make_site_root
from demo.factories.home import HomePageFactory
from lantana.core.models import SiteSettings
from notices.models import ConsentWording
from tests.support.browser import SCREENSHOTS
from tests.support.languages import translate
from tests.support.leads import chat_requests

DIALOG = "dialog[data-chat-dialog]"
SPANISH_CONSENT = "Acepto que Lantana Recovery se comunique conmigo."


@pytest.fixture
def spanish_site(live_site, settings):
    # The live server's flush removed the migration's Spanish locale.
    spanish = Locale.objects.get_or_create(language_code="es")[0]
    home = HomePageFactory(parent=ensure_root())
    clinic = SiteSettings.for_site(make_site_root(home))
    clinic.phone = "(843) 555-0134"
    clinic.save()
    index = ArticleIndexPageFactory(parent=home)
    article = ArticlePageFactory(
        parent=index, title="The social model of recovery", slug="social-model"
    )
    translate(home, spanish, title="Inicio", hero_heading="La recuperación es posible")
    translate(index, spanish, title="Artículos", slug="articulos")
    translate(
        article,
        spanish,
        title="El modelo social de la recuperación",
        slug="modelo-social",
        summary="Por qué la comunidad sostiene la recuperación.",
        body=stream(
            heading("Qué es"),
            paragraphs("La recuperación se construye junto a otras personas."),
        ),
    )
    # The flush removed the migrations' wordings too: one per language again.
    for language, text in (("en", "I agree."), ("es", SPANISH_CONSENT)):
        ConsentWording.objects.create(purpose="contact", language=language, text=text)
    settings.LEAD_MIN_FILL_SECONDS = 0  # Playwright types faster than any person
    return live_site


def test_a_spanish_visitor_reads_switches_and_asks_for_a_callback(
    checker, spanish_site
):
    checker.check("/es/articulos/modelo-social/", "es-article")
    checker.check("/es/", "es-home")
    page = checker.page
    checker.goto("/es/articulos/modelo-social/", "phone")
    assert page.locator("html").get_attribute("lang") == "es"
    expect(page.locator("h1")).to_have_text("El modelo social de la recuperación")
    expect(page.locator(".byline__dates")).to_contain_text("Publicado el")
    expect(page.locator(".byline__dates")).to_contain_text(" de 20")
    expect(page.locator(".crisis-banner a[href='sms:988?body=AYUDA']")).to_be_visible()
    # To English and back: the same article, never a 404.
    page.locator(".language-switcher a[hreflang='en']").click()
    page.wait_for_url("**/articles/social-model/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator(".language-switcher a[hreflang='es']").click()
    page.wait_for_url("**/es/articulos/modelo-social/")
    page.wait_for_selector("html[data-enhanced]", state="attached")
    # The callback request, in Spanish.
    page.locator(".action-bar__chat").click()
    dialog = page.locator(DIALOG)
    dialog.wait_for(state="visible")
    expect(dialog.locator("#chat-dialog-title")).to_have_text("Escríbanos")
    expect(page.locator("[name=chat-stamp]")).not_to_have_value("")
    checker.assert_no_axe_violations("Spanish dialog")
    page.screenshot(path=str(SCREENSHOTS / "es-dialog-phone.png"))
    expect(dialog.get_by_role("checkbox")).to_have_accessible_name(SPANISH_CONSENT)
    # A first try with nothing filled in: the errors are Spanish too.
    dialog.get_by_role("button", name="Devuélvanme la llamada").click()
    summary = dialog.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Escriba su número de teléfono")
    expect(summary).not_to_contain_text("Please")
    checker.assert_no_axe_violations("Spanish dialog errors")
    page.screenshot(path=str(SCREENSHOTS / "es-dialog-errors-phone.png"))
    dialog.get_by_label("Nombre").fill("Lucía")
    dialog.get_by_label("Número de teléfono").fill("843 555 0123")
    dialog.get_by_role("checkbox").check()
    with page.expect_response(lambda r: "/es/chat/" in r.url and "sent=1" in r.url):
        dialog.get_by_role("button", name="Devuélvanme la llamada").click()
    thanks = dialog.locator("[data-lead-thanks]")
    thanks.wait_for()
    lead = chat_requests().get()
    assert lead.language == "es" and lead.preferred_name == "Lucía"
    assert lead.consent_wording.text == SPANISH_CONSENT
    expect(thanks).to_contain_text("Gracias. Recibimos su mensaje.")
    assert lead.reference in thanks.inner_text()
    checker.assert_no_axe_violations("Spanish thank-you")
    checker.assert_no_csp_violations("Spanish journey")
    page.screenshot(path=str(SCREENSHOTS / "es-dialog-thanks-phone.png"))
    checker.assert_same_origin_only()


def test_the_spanish_dialog_on_a_desktop(checker, spanish_site):
    page = checker.page
    checker.goto("/es/", "desktop")
    page.wait_for_selector("html[data-enhanced]", state="attached")
    page.locator(".site-header__chat").click()
    dialog = page.locator(DIALOG)
    dialog.wait_for(state="visible")
    expect(dialog.get_by_role("button", name="Devuélvanme la llamada")).to_be_visible()
    expect(dialog).not_to_contain_text("Call me back")
    checker.assert_no_axe_violations("Spanish dialog, desktop")
    page.screenshot(path=str(SCREENSHOTS / "es-dialog-desktop.png"))


PLACEHOLDER_ROOM = """() => {
    const input = document.querySelector("#site-search-q");
    const style = getComputedStyle(input);
    const context = document.createElement("canvas").getContext("2d");
    context.font = style.font;
    const room = input.clientWidth - parseFloat(style.paddingLeft)
        - parseFloat(style.paddingRight);
    return [input.placeholder, room - context.measureText(input.placeholder).width];
}"""


def test_the_search_placeholder_shows_whole_in_both_languages(checker, spanish_site):
    page = checker.page
    for path, placeholder in (("/", "Search the site"), ("/es/", "Buscar en el sitio")):
        for width in ("phone", "desktop"):
            checker.goto(path, width)
            if width == "phone":
                page.locator(".site-nav__toggle").click()
            shown, spare = page.evaluate(PLACEHOLDER_ROOM)
            assert shown == placeholder
            assert spare >= 0, f"{path} at {width}: {spare:.0f} px short"
            if width == "phone":
                # The open menu's toggle stays below the language switcher.
                toggle = page.locator(".site-nav__toggle").bounding_box()
                switcher = page.locator(".language-switcher a").bounding_box()
                assert toggle["y"] >= switcher["y"] + switcher["height"]
            name = f"search-{path.strip('/') or 'en'}-{width}.png"
            page.screenshot(path=str(SCREENSHOTS / name))


def test_an_untranslated_article_reads_as_english_inside_a_spanish_page(
    checker, spanish_site
):
    index = ArticleIndexPageFactory._meta.model.objects.get(locale__language_code="en")
    english = ArticlePageFactory(
        parent=index, title="Sleep in early recovery", slug="sleep"
    )
    english.copy_for_translation(Locale.objects.get(language_code="es"), alias=True)
    checker.check("/es/articulos/sleep/", "es-untranslated-article")
    page = checker.page
    expect(page.locator(".untranslated-note")).to_have_text(
        "Esta página todavía no está traducida, así que se la mostramos en inglés."
    )
    expect(page.locator("h1")).to_have_attribute("lang", "en")
    checker.check("/es/articulos/", "es-article-index")
    card = page.locator(".article-card__title a", has_text="Sleep in early recovery")
    expect(card).to_have_attribute("lang", "en")
