"""English at /, Spanish at /es/, and nothing but the URL decides the language."""

from django.conf import settings
from wagtail.models import Locale
from wagtail_localize.models import LocaleSynchronization


def test_locales_are_english_by_default_and_spanish_kept_in_step(db):
    assert Locale.get_default().language_code == "en"
    spanish = Locale.objects.get(language_code="es")
    sync = LocaleSynchronization.objects.get(locale=spanish)
    assert sync.sync_from.language_code == "en"


def test_machine_translation_is_off():
    assert getattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR", None) is None


def test_english_home_stays_at_the_root(client, home, home_es):
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["page"].pk == home.pk
    assert response["Content-Language"] == "en"


def test_spanish_home_is_under_es(client, home_es):
    response = client.get("/es/")
    assert response.status_code == 200
    assert response.context["page"].pk == home_es.pk
    assert response["Content-Language"] == "es"


def test_unknown_language_prefix_is_an_english_404(client, home, home_es):
    for path in ("/fr/", "/es-mx/", "/en/"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response["Content-Language"] == "en", path


def test_accept_language_never_redirects_or_switches(client, home, home_es):
    response = client.get("/", headers={"accept-language": "es-MX,es;q=0.9"})
    assert response.status_code == 200
    assert response.context["page"].pk == home.pk
    assert response["Content-Language"] == "en"
    assert "Accept-Language" not in response.get("Vary", "")


def test_language_cookie_is_ignored(client, home, home_es):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    response = client.get("/")
    assert response.context["page"].pk == home.pk
    assert response["Content-Language"] == "en"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get("/es/")["Content-Language"] == "es"


def test_no_set_language_view(client, home):
    response = client.post("/i18n/setlang/", {"language": "es"})
    assert response.status_code == 404
