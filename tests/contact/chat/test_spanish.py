"""Live chat knows the language: a chat started from a Spanish page is marked
Spanish (and its Spanish crisis words are urgent); staff say in Account whether they
speak Spanish, and the panel's handover list shows who does."""

from django.urls import reverse
from django.utils import translation

from contact.chat import services
from tests.support.auth import sign_in
from tests.support.chat import live_data, make_user


def test_a_chat_started_in_spanish_is_marked_spanish_and_read_in_spanish(client, dana):
    with translation.override("es"):
        url = reverse("contact:live_start")
    assert url == "/es/chat/live/"
    response = client.post(url, live_data(first_message="ya no quiero vivir"))
    assert response.status_code == 201, response.content
    from contact.models import Lead

    lead = Lead.objects.get(reference=response.json()["reference"])
    assert lead.language == "es"
    assert lead.is_urgent


def test_colleagues_who_speak_spanish_are_named_so(db):
    make_user("ana", first_name="Ana", last_name="Ruiz", speaks_spanish=True)
    make_user("bo", first_name="Bo", last_name="Lind")
    names = [person["name"] for person in services.colleagues()]
    assert "Ana Ruiz · speaks Spanish" in names
    assert "Bo Lind" in names


def test_staff_mark_themselves_spanish_speaking_in_account(client, dana):
    sign_in(client, dana)
    page = client.get("/admin/account/")
    assert page.status_code == 200
    assert "Tick if you can talk with visitors in Spanish." in page.content.decode()
    form = page.context["panels_by_tab"]
    assert form
    data = {"languages-speaks_spanish": "on"}
    for panel in page.context["panels_by_tab"].values():
        for each in panel:
            if each.name == "name_email":
                data.update(
                    {
                        "name_email-first_name": dana.first_name,
                        "name_email-last_name": dana.last_name,
                        "name_email-email": dana.email,
                    }
                )
    data.update({"locale-preferred_language": "en", "locale-current_time_zone": ""})
    data.update(
        {
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
        }
    )
    response = client.post("/admin/account/", data)
    assert response.status_code in (200, 302)
    dana.refresh_from_db()
    assert dana.speaks_spanish
