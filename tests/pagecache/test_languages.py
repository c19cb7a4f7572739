"""English and Spanish never cross in any cache layer: the page cache (middleware
and the WSGI handler in front of Django), the kept parts, the menu; and publishing
a translation purges the pages whose switcher or hreflang it changes."""

from django.test import Client
from django.utils import translation
from wagtail.models import Locale

from demo.factories.core import StandardPageFactory
from lantana.core.models import SiteWording
from tests.support.languages import translate


def spanish():
    return Locale.objects.get_or_create(language_code="es")[0]


def test_page_cache_keeps_each_language_apart(client, home):
    home_es = translate(home, spanish(), hero_heading="La recuperación es posible")
    for _ in range(2):
        english, spanish_answer = client.get("/"), client.get("/es/")
    assert english["X-Page-Cache"] == spanish_answer["X-Page-Cache"] == "hit"
    assert b'<html lang="en">' in english.content
    assert b"Recovery is possible" in english.content
    assert b'<html lang="es">' in spanish_answer.content
    assert "La recuperación es posible".encode() in spanish_answer.content
    assert home_es.url == "/es/"


def test_wsgi_handler_keeps_each_language_apart(wsgi, home):
    translate(home, spanish(), hero_heading="La recuperación es posible")
    for _ in range(2):
        english, spanish_answer = wsgi("/"), wsgi("/es/")
    assert english.hit and spanish_answer.hit
    assert not english.through_django and not spanish_answer.through_django
    assert b'<html lang="en">' in english.body
    assert b'<html lang="es">' in spanish_answer.body
    # Accept-Language changes nothing in front of Django either.
    asked = wsgi("/", HTTP_ACCEPT_LANGUAGE="es")
    assert asked.hit and b'<html lang="en">' in asked.body


def test_kept_parts_are_keyed_by_language(home):
    with translation.override("en"):
        english = home.cache_key
    with translation.override("es"):
        assert home.cache_key != english


def test_kept_parts_of_both_languages_render_their_own_words(client, home):
    translate(home, spanish(), hero_heading="La recuperación es posible")
    for _ in range(2):  # the second renders from kept parts
        english = Client().get("/", HTTP_COOKIE="sessionid=x")
        spanish_answer = Client().get("/es/", HTTP_COOKIE="sessionid=x")
    assert b"Recovery is possible" in english.content
    assert "La recuperación es posible".encode() in spanish_answer.content
    assert b"La recuperaci" not in english.content


def test_menu_is_kept_per_language(client, home):
    translate(home, spanish())
    admissions = StandardPageFactory(parent=home, title="Admissions", slug="admissions")
    translate(admissions, spanish(), title="Admisiones", slug="admisiones")
    navigation = SiteWording.get_default()
    navigation.main_menu = [("link", {"page": admissions, "url": "", "label": ""})]
    navigation.save()
    english = client.get("/").content.decode()
    spanish_html = client.get("/es/").content.decode()
    assert 'href="/admissions/"' in english and ">Admissions<" in english
    assert 'href="/es/admisiones/"' in spanish_html and ">Admisiones<" in spanish_html


def test_publishing_a_translation_purges_the_english_page(client, home):
    translate(home, spanish())
    admissions = StandardPageFactory(parent=home, title="Admissions", slug="admissions")
    client.get("/admissions/")
    cached = client.get("/admissions/")
    assert cached["X-Page-Cache"] == "hit"
    assert b'hreflang="es" lang="es"' in cached.content
    assert b'href="/es/" hreflang="es"' in cached.content
    translate(admissions, spanish(), title="Admisiones", slug="admisiones")
    fresh = client.get("/admissions/")
    assert b'href="/es/admisiones/" hreflang="es"' in fresh.content


def test_footer_wording_is_kept_per_language_and_a_translation_purges(client, home):
    translate(home, spanish())
    wording = SiteWording.get_default()
    wording.footer_text = "A note from the clinic."
    wording.save()
    for _ in range(2):
        client.get("/"), client.get("/es/")
    assert client.get("/es/")["X-Page-Cache"] == "hit"
    spanish_wording = wording.copy_for_translation(spanish())
    spanish_wording.footer_text = "Una nota de la clínica."
    spanish_wording.save()
    for _ in range(2):  # the second answer comes from the caches
        english, spanish_answer = client.get("/"), client.get("/es/")
    assert spanish_answer["X-Page-Cache"] == "hit"
    assert "Una nota de la clínica.".encode() in spanish_answer.content
    assert b"A note from the clinic." not in spanish_answer.content
    assert b"A note from the clinic." in english.content
    assert b"Una nota" not in english.content
