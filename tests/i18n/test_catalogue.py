"""The Spanish interface: a complete catalogue, compiled, and used by the pages."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from contact.forms import ChatRequestForm
from tests.support.languages import spanish_locale, translate

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"


def test_catalogue_has_no_untranslated_fuzzy_or_obsolete_entry():
    catalogue = polib.pofile(str(CATALOGUE))
    assert len(catalogue) > 100
    assert not catalogue.untranslated_entries()
    assert not catalogue.fuzzy_entries()
    assert not catalogue.obsolete_entries()


def test_compiled_catalogue_holds_every_translation():
    """The .mo that Django reads (built by make install) matches the .po."""
    compiled = polib.mofile(str(CATALOGUE.with_suffix(".mo")))
    by_id = {entry.msgid: entry for entry in compiled}
    for entry in polib.pofile(str(CATALOGUE)):
        found = by_id.get(entry.msgid)
        assert found is not None, entry.msgid
        assert (found.msgstr or found.msgstr_plural) and "fuzzy" not in found.flags
        if not entry.msgid_plural:
            assert found.msgstr == entry.msgstr, entry.msgid


def test_compile_translations_needs_no_gettext(tmp_path, settings):
    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "django.po").write_bytes(CATALOGUE.read_bytes())
    settings.LOCALE_PATHS = [tmp_path]
    settings.BASE_DIR = tmp_path
    call_command("compile_translations", stdout=open("/dev/null", "w"))
    assert polib.mofile(str(folder / "django.mo")).percent_translated() == 100


def test_spanish_pages_speak_spanish(client, home):

    translate(home, spanish_locale())
    html = client.get("/es/").content.decode()
    for words in (
        "Ir al contenido principal",
        "Escríbanos",
        "Llame al 988 y marque 2",
        "sms:988?body=AYUDA",
        "Ayuda con el idioma",
    ):
        assert words in html, words
    english = client.get("/").content.decode()
    assert "Skip to main content" in english and "Ir al contenido" not in english
    # The notice of language help is in both languages on every page.
    assert '<p lang="es">Tiene a su disposición ayuda gratuita' in english
    assert '<p lang="en">Free language help is available' in html


def test_form_errors_are_in_the_visitors_language():
    with translation.override("es"):
        form = ChatRequestForm(data={"callback-phone": "12"}, prefix="callback")
        form.is_valid()
        errors = " ".join(str(e) for errors in form.errors.values() for e in errors)
    assert "Díganos cómo quiere que le llamemos." in errors
