"""What each lead agreed to: the consent wording it was shown, byte for byte; the
notices in force; the channels allowed; and revocations intake records later."""

import csv
import html
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from contact import audit
from contact.choices import LeadKind, RevocationScope
from contact.emails import body_for
from contact.models import Lead, LeadRevocation
from demo.factories.leads import InquiryFactory
from demo.factories.notices import NoticeVersionFactory
from notices.choices import ConsentPurpose, NoticeKind
from notices.models import ConsentWording, FrozenVersion
from tests.support.auth import sign_in
from tests.support.chat import start
from tests.support.leads import body, lead_data

pytestmark = pytest.mark.django_db

# Bytes an editor might well type: curly quotes, a non-breaking space, an accent.
NEW_WORDING = (
    "Yes \u2014 Lantana Recovery may contact me about care, as the privacy notice "
    "explains.\u00a0Se\u00f1or\u00eda \u201cok\u201d."
)


def consent_label(response, prefix="inquiry") -> str:
    """The consent sentence exactly as the page shows it, unescaped."""
    found = re.search(
        rf'<label for="id_{prefix}-consent">(.*?)</label>', response.content.decode()
    )
    assert found, "no consent label"
    return html.unescape(found.group(1))


def wording_id(response, prefix="inquiry") -> str:
    found = re.search(
        rf'name="{prefix}-consent_wording" value="(\d+)"', response.content.decode()
    )
    assert found, "no consent wording id in the form"
    return found.group(1)


def send(client, url, prefix, shown, **overrides):
    data = lead_data(prefix, **overrides)
    data[f"{prefix}-consent_wording"] = wording_id(shown, prefix)
    return client.post(url, data)


def contact_wording() -> ConsentWording:
    return ConsentWording.objects.current(ConsentPurpose.CONTACT)


def test_migrations_give_every_form_a_wording(db):
    for purpose in ConsentPurpose.values:
        assert ConsentWording.objects.current(purpose) is not None


def test_an_inquiry_stores_the_exact_wording_it_showed(client, contact_page):
    shown = client.get("/contact/")
    response = send(client, "/contact/", "inquiry", shown)
    assert response.status_code == 303
    lead = Lead.objects.get()
    assert lead.consent_wording == contact_wording()
    assert lead.consent_wording.text.encode() == consent_label(shown).encode()
    assert lead.consented_at is not None


def test_a_chat_request_stores_the_wording_it_showed(client, home):
    shown = client.get("/chat/")
    response = send(client, "/chat/", "chat", shown)
    assert response.status_code == 303
    lead = Lead.objects.get(kind=LeadKind.CHAT_REQUEST)
    assert lead.consent_wording.text == consent_label(shown, "chat")


def test_a_live_chat_stores_its_own_wording(client, home, dana):
    live = ConsentWording.objects.current(ConsentPurpose.LIVE_CHAT)
    response = start(client, consent_wording=str(live.pk))
    assert response.status_code == 201, response.content
    lead = Lead.objects.get(kind=LeadKind.LIVE_CHAT)
    assert lead.consent_wording == live
    assert lead.allowed_channels == []  # a live chat asks for no contact details


def test_a_new_wording_leaves_stored_leads_byte_identical(
    client,
    contact_page,
    lead_reviewer,
):
    shown = client.get("/contact/")
    send(client, "/contact/", "inquiry", shown)
    first = Lead.objects.get()
    old = first.consent_wording
    old_text, old_digest = old.text, old.digest

    staff = sign_in(type(client)(), lead_reviewer)
    lead_reviewer.is_superuser = True
    lead_reviewer.save()
    edit = reverse("wagtailsnippets_notices_consentwording:edit", args=[old.pk])
    data = {"purpose": old.purpose, "language": old.language, "text": NEW_WORDING}
    response = staff.post(edit, data)
    assert response.status_code == 302, response.content

    old.refresh_from_db()
    assert (old.text, old.digest) == (old_text, old_digest)
    new = contact_wording()
    assert new.pk != old.pk and new.number == old.number + 1
    assert new.text == NEW_WORDING

    shown = client.get("/contact/")
    assert consent_label(shown) == NEW_WORDING
    send(client, "/contact/", "inquiry", shown)
    second = Lead.objects.exclude(pk=first.pk).get()
    assert second.consent_wording == new
    first.refresh_from_db()
    assert first.consent_wording.text.encode() == old_text.encode()


def test_a_wording_cannot_be_changed_in_place(db):
    wording = contact_wording()
    wording.text = "Something else"
    with pytest.raises(FrozenVersion):
        wording.save()


def test_a_form_drawn_before_the_change_records_what_it_showed(client, contact_page):
    shown = client.get("/contact/")  # version 1, e.g. from a cached page
    ConsentWording.objects.create(purpose=ConsentPurpose.CONTACT, text=NEW_WORDING)
    send(client, "/contact/", "inquiry", shown)
    assert Lead.objects.get().consent_wording.number == 1


@pytest.mark.parametrize("posted", ["999999", "abc", "-1", "live"])
def test_an_unknown_wording_asks_for_consent_again(client, contact_page, posted):
    if posted == "live":  # a real wording, but of another form
        posted = str(ConsentWording.objects.current(ConsentPurpose.LIVE_CHAT).pk)
    data = lead_data("inquiry")
    data["inquiry-consent_wording"] = posted
    response = client.post("/contact/", data)
    assert response.status_code == 400
    assert b"The wording of this agreement was updated" in response.content
    assert consent_label(response) == contact_wording().text
    assert wording_id(response) == str(contact_wording().pk)
    assert not Lead.objects.exists()


def test_the_notices_in_force_are_recorded(client, contact_page):
    today = NoticeVersionFactory(kind=NoticeKind.WEBSITE_PRIVACY)
    privacy = NoticeVersionFactory(kind=NoticeKind.PRIVACY_PRACTICES)
    NoticeVersionFactory(
        kind=NoticeKind.PRIVACY_PRACTICES,
        effective_date=privacy.effective_date.replace(
            year=privacy.effective_date.year + 1
        ),
    )  # scheduled, not yet in force
    shown = client.get("/contact/")
    assert b'href="/notices/privacy-practices/"' in shown.content  # the form links it
    send(client, "/contact/", "inquiry", shown)
    lead = Lead.objects.get()
    assert set(lead.notices_in_force.all()) == {today, privacy}


@pytest.mark.parametrize(
    "answers, channels",
    [
        ({"preferred_method": "phone"}, ["call"]),
        ({"preferred_method": "text", "voicemail_ok": "on"}, ["text", "voicemail"]),
        (
            {"preferred_method": "email", "email": "sam@example.org", "phone": ""},
            ["email"],
        ),
        (
            {"preferred_method": "phone", "email": "sam@example.org", "email_ok": "on"},
            ["call", "email"],
        ),
    ],
)
def test_the_channels_allowed_follow_the_answers(
    client, contact_page, answers, channels
):
    shown = client.get("/contact/")
    assert send(client, "/contact/", "inquiry", shown, **answers).status_code == 303
    assert Lead.objects.get().allowed_channels == channels


# Revocations ---------------------------------------------------------------


@pytest.fixture
def desk(client, lead_reviewer):
    return sign_in(client, lead_reviewer)


def revoke(client, lead_pk, scope):
    return client.post(reverse("leads:revoke", args=[lead_pk]), {"scope": scope})


def test_intake_records_a_revocation_with_who_and_when(desk, lead_reviewer):
    lead = InquiryFactory(allowed_channels=["call", "text"])
    response = revoke(desk, lead.pk, RevocationScope.NO_TEXT)
    assert response.status_code == 302
    revocation = LeadRevocation.objects.get()
    assert (revocation.lead, revocation.recorded_by) == (lead, lead_reviewer)
    assert revocation.recorded_at is not None
    entry = ModelLogEntry.objects.get(action=audit.REVOKE)
    assert entry.user == lead_reviewer and entry.object_id == str(lead.pk)
    assert lead.preferred_name not in entry.message

    page = desk.get(reverse("leads:inspect", args=[lead.pk]))
    assert b"Do not text" in page.content
    assert b"Rae Viewer" in page.content
    lead = Lead.objects.prefetch_related("revocations").get()
    assert lead.permitted_channels() == ["call"]

    inbox = desk.get("/admin/leads/")
    assert b"DO NOT TEXT" in inbox.content

    assert revoke(desk, lead.pk, RevocationScope.NO_TEXT).status_code == 302
    assert LeadRevocation.objects.count() == 1  # recorded once


def test_the_inbox_reads_revocations_in_one_query(desk):
    for _ in range(3):
        lead = InquiryFactory()
        LeadRevocation.objects.create(lead=lead, scope=RevocationScope.NO_CALL)
    desk.get("/admin/leads/")
    with CaptureQueriesContext(connection) as few:
        desk.get("/admin/leads/")
    for _ in range(5):
        lead = InquiryFactory()
        LeadRevocation.objects.create(lead=lead, scope=RevocationScope.NO_TEXT)
    with CaptureQueriesContext(connection) as many:
        desk.get("/admin/leads/")
    assert len(many) == len(few)


def test_the_export_honours_a_revocation(desk):
    lead = InquiryFactory(
        phone="+18435550134",
        email="sam@example.org",
        allowed_channels=["call", "email"],
    )
    InquiryFactory(phone="+18435550135", email="kit@example.org")
    LeadRevocation.objects.create(lead=lead, scope=RevocationScope.NO_CONTACT)
    response = desk.get("/admin/leads/?export=csv")
    rows = {
        row["Reference"]: row
        for row in csv.DictReader(io.StringIO(body(response).decode()))
    }
    withdrawn = rows[lead.reference]
    assert withdrawn["Phone"] == "" and withdrawn["Email"] == ""
    assert withdrawn["Withdrawn since"] == "Do not contact"
    assert withdrawn["Channels allowed"] == "Call, Email"
    other = next(row for ref, row in rows.items() if ref != lead.reference)
    assert other["Phone"] == "(843) 555-0135" and other["Email"] == "kit@example.org"


def test_the_notification_honours_a_revocation(db):
    lead = InquiryFactory(preferred_name="Zebulon Canary")
    LeadRevocation.objects.create(lead=lead, scope=RevocationScope.NO_CONTACT)
    text = body_for(Lead.objects.prefetch_related("revocations").get())
    assert "do not reach out" in text
    assert "Zebulon" not in text


def test_a_revocation_on_a_purged_lead_is_refused_clearly(desk):
    lead = InquiryFactory()
    pk = lead.pk
    lead.delete()  # purge_leads deletes leads past retention
    response = revoke(desk, pk, RevocationScope.NO_CONTACT)
    assert response.status_code == 404
    assert b"no longer kept" in response.content
    assert not LeadRevocation.objects.exists()


def test_an_unknown_scope_records_nothing(desk):
    lead = InquiryFactory()
    response = revoke(desk, lead.pk, "no_carrier_pigeon")
    assert response.status_code == 302
    follow = desk.get(response["Location"])
    assert b"Choose what the visitor withdrew" in follow.content
    assert not LeadRevocation.objects.exists()


def test_only_lead_reviewers_may_record_a_revocation(client, site_editor):
    lead = InquiryFactory()
    sign_in(client, site_editor)
    assert revoke(client, lead.pk, RevocationScope.NO_TEXT).status_code in (403, 404)
    assert not LeadRevocation.objects.exists()
