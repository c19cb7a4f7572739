"""What editors translate besides pages: the menu and footer wording, topics and
therapeutic approaches (translatable snippets), each shown in the visitor's language
or, until translated, in English marked as English; PO files for an outside
translator; no machine translation."""

import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.models import TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from articles.models import Topic
from demo.factories.staff import ClinicianPageFactory, TherapeuticApproachFactory
from lantana.core.models import SiteSettings, SiteWording
from staff.models import TherapeuticApproach
from tests.support.languages import translate

pytestmark = pytest.mark.django_db


def translate_snippet(instance, locale, **fields):
    """A Spanish translation of a snippet, made as wagtail-localize makes it."""
    translation = instance.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return translation


def soup(client: Client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def test_every_snippet_visitors_read_is_translatable():
    for model in (SiteWording, Topic, TherapeuticApproach):
        assert issubclass(model, TranslatableMixin)
        assert model in get_snippet_models()
    # What stays in the site settings is the same in every language.
    names = {field.name for field in SiteSettings._meta.get_fields()}
    assert not names & {"crisis_text", "admissions_hours", "footer_text"}


def test_footer_wording_falls_back_to_english_marked_as_english(client, home_es):
    wording = SiteWording.get_default()
    wording.footer_text = "A note from the clinic."
    wording.save()
    note = soup(client, "/es/").select_one(".site-footer__note")
    assert note.get_text() == "A note from the clinic."
    assert note["lang"] == "en"


def test_footer_wording_in_spanish_once_translated(client, home_es, spanish):
    wording = SiteWording.get_default()
    wording.footer_text = "A note from the clinic."
    wording.save()
    translate_snippet(
        wording,
        spanish,
        footer_text="Una nota de la clínica.",
        admissions_hours="Le contestamos a toda hora.",
        crisis_text="¿Está en crisis? Llame al 988.",
    )
    page = soup(client, "/es/")
    note = page.select_one(".site-footer__note")
    assert note.get_text() == "Una nota de la clínica." and not note.get("lang")
    footer = page.select_one(".site-footer").get_text()
    assert "Le contestamos a toda hora." in footer
    assert "¿Está en crisis? Llame al" in footer
    # The English page is untouched.
    english = soup(client, "/").select_one(".site-footer__note")
    assert english.get_text() == "A note from the clinic."


def test_menu_labels_are_translated_with_the_wording(client, home_es, spanish):
    wording = SiteWording.get_default()
    wording.main_menu = [
        {"type": "link", "value": {"page": None, "url": "/chat/", "label": "Chat"}}
    ]
    wording.save()
    assert "Chat" in soup(client, "/es/").select_one(".site-header").get_text()
    spanish_wording = translate_snippet(wording, spanish)
    spanish_wording.main_menu = [
        {"type": "link", "value": {"page": None, "url": "/es/chat/", "label": "Charla"}}
    ]
    spanish_wording.save()
    header = soup(client, "/es/").select_one(".site-header")
    assert header.find("a", string="Charla")["href"] == "/es/chat/"
    assert soup(client, "/").select_one(".site-header").find("a", string="Chat")


def test_topic_shows_its_spanish_name_and_address(client, home, make_article, spanish):
    topic = Topic.objects.create(name="Recovery", slug="recovery")
    article = make_article(topics=[topic], title="Sleep", slug="sleep")
    translate(article.get_parent(), spanish, title="Artículos", slug="articulos")
    article_es = translate(article, spanish, title="El sueño", slug="el-sueno")
    translate_snippet(topic, spanish, name="Recuperación", slug="recuperacion")

    page = soup(client, article_es.url)
    link = page.select_one(".article-header__topics a")
    assert link.get_text() == "Recuperación"
    assert link["href"] == "/es/articulos/topic/recuperacion/"
    listing = soup(client, link["href"])
    assert "Recuperación" in listing.select_one("h1").get_text()
    assert "El sueño" in listing.get_text()
    # The English slug answers on the Spanish listing too, and English is untouched.
    assert client.get("/es/articulos/topic/recovery/").status_code == 200
    english = soup(client, article.url).select_one(".article-header__topics a")
    assert english.get_text() == "Recovery"
    assert client.get("/es/articulos/topic/nothing/").status_code == 404


def test_approach_shows_its_spanish_name_on_a_spanish_profile(
    client, team_index, spanish
):
    approach = TherapeuticApproachFactory(name="Motivational Interviewing")
    clinician = ClinicianPageFactory(parent=team_index)
    clinician.approaches.set([approach])
    clinician.save_revision().publish()
    translate_snippet(approach, spanish, name="Entrevista motivacional")
    translate(team_index, spanish)
    clinician_es = translate(clinician, spanish)
    names = soup(client, clinician_es.url).select(".approach-list__name")
    assert [n.get_text() for n in names] == ["Entrevista motivacional"]
    names = soup(client, clinician.url).select(".approach-list__name")
    assert [n.get_text() for n in names] == ["Motivational Interviewing"]


def test_po_file_round_trip_for_an_outside_translator(admin_client, home, spanish):
    source, _ = TranslationSource.get_or_create_from_instance(home)
    translation = Translation.objects.create(source=source, target_locale=spanish)
    translation.save_target()  # as "Translate" does: the Spanish page exists
    download = reverse("wagtail_localize:download_pofile", args=[translation.pk])
    response = admin_client.get(download)
    assert response.status_code == 200
    po = polib.pofile(response.content.decode())
    entry = next(e for e in po if e.msgid == home.title)
    entry.msgstr = "Inicio"
    upload = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
    file = SimpleUploadedFile("home-es.po", str(po).encode(), "text/x-gettext")
    admin_client.post(upload, {"file": file, "next": "/admin/"})
    string = StringTranslation.objects.get(
        translation_of__data=home.title, locale=spanish
    )
    assert string.data == "Inicio"


def test_no_machine_translator_is_configured():
    assert not getattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR", None)
    assert not any("machine" in app for app in settings.INSTALLED_APPS)
