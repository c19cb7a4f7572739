"""Consent in the visitor's language: a Spanish page shows the Spanish wording, and
its lead records that version (byte for byte), as an English lead records English."""

import hashlib
import html
import re

from contact.models import Lead
from notices.choices import ConsentPurpose
from notices.current import current_consent
from notices.models import ConsentWording
from tests.support.languages import callback_post

# What migrate writes (notices 0003): quoted here so a change to it is seen.
SPANISH_CONTACT = (
    "Acepto que Lantana Recovery se comunique conmigo sobre el tratamiento, como se "
    "explica en el aviso de privacidad."
)


def shown(response, prefix="chat") -> tuple[str, str]:
    """The consent label as read and the wording id the form carries."""
    markup = response.content.decode()
    label = re.search(rf'<label for="id_{prefix}-consent">(.*?)</label>', markup)
    wording = re.search(rf'name="{prefix}-consent_wording" value="(\d+)"', markup)
    assert label and wording
    return html.unescape(label[1]), wording[1]


def test_each_language_has_its_own_first_wording(db):
    spanish = ConsentWording.objects.current(ConsentPurpose.CONTACT, "es")
    english = ConsentWording.objects.current(ConsentPurpose.CONTACT, "en")
    assert (spanish.language, spanish.number, english.number) == ("es", 1, 1)
    assert spanish.text == SPANISH_CONTACT
    assert spanish.digest == hashlib.sha256(SPANISH_CONTACT.encode()).hexdigest()
    assert english.text.startswith("I agree that Lantana Recovery")
    live = ConsentWording.objects.current(ConsentPurpose.LIVE_CHAT, "es")
    assert live.language == "es" and "conversación" in live.text


def test_a_spanish_lead_records_the_spanish_wording_it_was_shown(client, home):
    label, wording_id = shown(client.get("/es/chat/"))
    assert label == SPANISH_CONTACT
    data = {**callback_post(), "chat-consent_wording": wording_id}
    assert client.post("/es/chat/", data).status_code == 303
    lead = Lead.objects.get()
    assert lead.consent_wording.language == "es"
    assert lead.consent_wording.text.encode() == SPANISH_CONTACT.encode()


def test_an_english_lead_records_the_english_wording(client, home):
    label, wording_id = shown(client.get("/chat/"))
    english = ConsentWording.objects.current(ConsentPurpose.CONTACT, "en")
    assert label == english.text
    data = {**callback_post(), "chat-consent_wording": wording_id}
    assert client.post("/chat/", data).status_code == 303
    assert Lead.objects.get().consent_wording == english


def test_a_new_spanish_version_leaves_english_and_earlier_leads_alone(client, home):
    data = {
        **callback_post(),
        "chat-consent_wording": shown(client.get("/es/chat/"))[1],
    }
    client.post("/es/chat/", data)
    first = Lead.objects.get()
    newer = ConsentWording.objects.create(
        purpose=ConsentPurpose.CONTACT, language="es", text="Sí, pueden llamarme."
    )
    assert newer.number == 2
    assert current_consent(ConsentPurpose.CONTACT, "es") == newer
    assert current_consent(ConsentPurpose.CONTACT, "en").language == "en"
    assert shown(client.get("/es/chat/"))[0] == "Sí, pueden llamarme."
    first.refresh_from_db()
    assert first.consent_wording.text == SPANISH_CONTACT


def test_a_language_without_a_wording_shows_the_english_one(db):
    ConsentWording.objects.filter(language="es").delete()
    wording = current_consent(ConsentPurpose.LIVE_CHAT, "es")
    assert wording is not None and wording.language == "en"
