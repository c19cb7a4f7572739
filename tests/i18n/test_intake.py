"""Intake knows the language: a lead sent from a Spanish page is marked Spanish, is
thanked in Spanish, and its PHI-free notification names the language."""

from contact.choices import VisitorLanguage
from contact.models import Lead
from tests.support.languages import callback_post as short_post
from tests.support.leads import chat_requests


def test_a_spanish_callback_request_is_marked_thanked_and_notified(
    client, home, django_capture_on_commit_callbacks, mailoutbox
):
    data = short_post(
        preferred_name="Lucía Ñúñez", first_message="مرحبا — hola, ¿me llaman?"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/es/chat/", data)
    assert response.status_code == 303
    assert response["Location"].startswith("/es/chat/")
    lead = chat_requests().get()
    assert lead.language == VisitorLanguage.SPANISH
    # Mixed-language and right-to-left input is stored as typed.
    assert lead.preferred_name == "Lucía Ñúñez"
    assert lead.first_message == "مرحبا — hola, ¿me llaman?"
    thanks = client.get(response["Location"]).content.decode()
    assert '<html lang="es">' in thanks
    assert "Gracias. Recibimos su mensaje." in thanks
    assert "Su número de referencia es" in thanks and lead.reference in thanks
    (mail,) = mailoutbox
    assert "Spanish-speaking visitor" in mail.subject
    assert "Spanish-speaking visitor" in mail.body
    for private in ("Lucía", "Ñúñez", "hola", "555", "0199"):
        assert private not in mail.subject + mail.body


def test_an_english_callback_request_is_marked_english(client, home, mailoutbox):
    assert client.post("/chat/", short_post(preferred_name="Jo")).status_code == 303
    assert chat_requests().get().language == VisitorLanguage.ENGLISH
    assert all("Spanish" not in m.subject for m in mailoutbox)


def test_spanish_form_errors_are_in_spanish(client, home):
    response = client.post("/es/chat/", short_post(preferred_name="Jo", phone=" "))
    html = response.content.decode()
    assert response.status_code == 400  # shown again with its errors, nothing stored
    assert (
        "Escriba su número de teléfono para que podamos devolverle la llamada." in html
    )
    assert not Lead.objects.exists()


def test_the_inbox_filters_and_shows_the_language(client, home, admin_client):
    client.post("/es/chat/", short_post(preferred_name="Lucía"))
    client.post("/chat/", short_post(preferred_name="Jo"))
    spanish, english = Lead.objects.order_by("language").reverse()
    assert (spanish.language, english.language) == ("es", "en")
    listing = admin_client.get("/admin/leads/", {"language": "es", "status": "any"})
    assert listing.status_code == 200
    html = listing.content.decode()
    assert spanish.reference in html or f"#{spanish.pk}" in html
    assert f"lead_{english.pk}_title" not in html
    assert "Spanish" in html
    assert "Language" in html


def test_a_spanish_crisis_callback_is_urgent_with_the_spanish_lifeline(client, home):
    data = short_post(
        preferred_name="Ana",
        first_message="ya no quiero vivir, me tomé todas las pastillas",
    )
    response = client.post("/es/chat/", data)
    lead = chat_requests().get()
    assert lead.is_urgent and lead.language == VisitorLanguage.SPANISH
    html = client.get(response["Location"]).content.decode()
    urgent = html[html.index("lead-thanks__urgent") :]
    assert 'href="tel:988">Llame al 988 y marque 2' in urgent
    assert 'href="sms:988?body=AYUDA"' in urgent
    assert 'href="tel:911"' in urgent


def test_spanish_written_on_an_english_page_is_still_urgent(client, home):
    client.post("/chat/", short_post(first_message="me quiero morir"))
    assert chat_requests().get().is_urgent
