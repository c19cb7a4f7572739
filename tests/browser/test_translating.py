"""An editor translates a page in the admin with wagtail-localize's editor and
publishes it; the Spanish page is then served at /es/ (axe at both widths on our
pages and on the translation editor, whose heading, field labels and PO file input
we fix: templates/wagtail_localize/admin/edit_translation.html)."""

import re

from playwright.sync_api import expect
from wagtail.models import Locale

from demo.factories.core import StandardPageFactory, ensure_root, make_site_root
from demo.factories.home import HomePageFactory
from tests.support.auth import sign_in_browser
from tests.support.browser import WIDTHS, assert_admin_accessible
from tests.support.languages import translate


def test_an_editor_translates_a_page_and_publishes_it(
    checker, live_site, django_user_model
):
    # The live server's flush removed the migration's Spanish locale.
    spanish = Locale.objects.get_or_create(language_code="es")[0]
    home = HomePageFactory(parent=ensure_root())
    make_site_root(home)
    translate(home, spanish, title="Inicio")
    admissions = StandardPageFactory(
        parent=home, title="Admissions", slug="admissions", intro="How to start."
    )
    django_user_model.objects.create_superuser(
        "admin", "a@lantana.example", "pass-word-1"
    )
    page = sign_in_browser(checker, "admin", "pass-word-1")

    # ⋯ → Translate: choose Spanish.
    page.goto(checker.base + f"/admin/localize/submit/page/{admissions.pk}/")
    page.get_by_label(re.compile("Español|Spanish")).check()
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))

    # The translation editor: type the Spanish of each piece and save it.
    for english, spanish_text in (
        ("Admissions", "Admisión"),
        ("How to start.", "Cómo empezar."),
    ):
        segment = (
            page.locator("li")
            .filter(has=page.get_by_text(english, exact=True))
            .filter(has=page.get_by_role("button"))
            .last
        )
        segment.get_by_role("button", name="Translate").click()
        segment.locator("textarea").fill(spanish_text)
        segment.get_by_role("button", name="Save").click()
        expect(segment.get_by_role("button", name="Edit")).to_be_visible()
    # Our additions to wagtail-localize's editor: an <h1>, a named file input (and
    # its tab's heading one level below that <h1>, which axe checks).
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_have_text(
        re.compile("Translation of Admissions into (Spanish|Español)")
    )
    uploads = page.locator(".js-translation-editor input[type=file]")
    expect(uploads.first).to_have_accessible_name("Upload PO file")
    for upload in uploads.all():  # one per tab, the others hidden
        expect(upload).to_have_attribute("aria-label", "Upload PO file")
    for width in WIDTHS:
        page.set_viewport_size(
            {"width": WIDTHS[width], "height": 844 if width == "phone" else 900}
        )
        checker.screenshot(f"admin-translation-editor-{width}")
        assert_admin_accessible(checker, f"translation editor at {width}")

    page.get_by_role("button", name=re.compile("Publish in")).click()
    page.wait_for_load_state("networkidle")

    # wagtail-localize's two inline scripts (the Translate form's select-all and
    # the editor's chooser URLs) run, allowed by hash (lantana/core/admin_csp.py):
    # nothing was blocked on the way.
    assert checker.csp_messages == []
    # A visitor (no admin session, so no userbar) reads the Spanish page.
    page.context.clear_cookies()
    checker.check("/es/admissions/", "es-translated-page")
    checker.goto("/es/admissions/", "phone")
    expect(page.locator("h1")).to_have_text("Admisión")
    assert page.locator("html").get_attribute("lang") == "es"
    expect(page.locator(".language-switcher a[hreflang='en']")).to_have_attribute(
        "href", "/admissions/"
    )
