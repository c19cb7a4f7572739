"""Lead data at rest: a dump holds no plain lead field, keys rotate with every lead
still readable, and a key that cannot open a value is a clear refusal, never a 500."""

import importlib
import shutil
import sqlite3
import subprocess

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from wagtail.models import ModelLogEntry

from contact import audit
from contact.chat.models import ChatConversation, ChatMessage, Sender
from contact.choices import LeadKind
from contact.fields import UNDECRYPTABLE_NOTICE, EncryptedTextField
from contact.models import Lead, LeadDeskLogEntry, LeadNote
from demo.factories.leads import InquiryFactory
from tests.support.leads import CANARY, CANARY_STRINGS

KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()
NOTE = "CANARY-NOTE-4410 relapsed last week"
CHAT = "CANARY-CHATLINE-9902 I need help tonight"
# Stored in a plain column on purpose: proves the dump is read at all.
CONTROL = "possible spam control-7"
SECRETS = [*CANARY_STRINGS, NOTE, CHAT, "zebulon.canary", "843555"]


def store_canaries(location, lead_reviewer):
    lead = InquiryFactory(location=location, spam_reason=CONTROL, **CANARY)
    LeadNote.objects.create(lead=lead, author=lead_reviewer, text=NOTE)
    chat = InquiryFactory(kind=LeadKind.LIVE_CHAT, preferred_name="Zebulon Chat")
    conversation = ChatConversation.objects.create(
        lead=chat, secret_hash="x", session_key_hash="y"
    )
    ChatMessage.objects.create(
        conversation=conversation, seq=1, sender=Sender.VISITOR, text=CHAT
    )
    return lead


def raw(model, pk, column):
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(model._meta.db_table)
        cursor.execute(
            f"SELECT {connection.ops.quote_name(column)} FROM {table} WHERE id = %s",
            [pk],
        )
        return cursor.fetchone()[0]


def set_raw(model, pk, column, value):
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(model._meta.db_table)
        cursor.execute(
            f"UPDATE {table} SET {connection.ops.quote_name(column)} = %s WHERE id = %s",
            [value, pk],
        )


def database_bytes(tmp_path) -> bytes:
    """The whole database as a backup holds it: pg_dump's output on PostgreSQL, the
    database file's bytes on SQLite."""
    if connection.vendor == "postgresql":
        pg_dump = shutil.which("pg_dump")
        if pg_dump is None:
            pytest.skip("pg_dump is not installed")
        params = connection.get_connection_params()
        command = [pg_dump, "--no-owner", "-d", params["dbname"]]
        command += ["-h", params.get("host") or "127.0.0.1"]
        command += ["-U", params.get("user") or "postgres"]
        if params.get("port"):
            command += ["-p", str(params["port"])]
        return subprocess.run(command, check=True, capture_output=True).stdout
    connection.ensure_connection()
    target = tmp_path / "leads.sqlite3"
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    return target.read_bytes()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_dump_holds_no_plain_lead_field(location, lead_reviewer, tmp_path):
    lead = store_canaries(location, lead_reviewer)
    dump = database_bytes(tmp_path)
    assert CONTROL.encode() in dump  # the dump was read: a plain column shows
    assert [s for s in SECRETS if s.encode() in dump] == []
    # …and staff still read every field as it was sent.
    lead = Lead.objects.get(pk=lead.pk)
    assert {name: getattr(lead, name) for name in CANARY} == CANARY
    assert lead.notes.get().text == NOTE
    assert ChatMessage.objects.get().text == CHAT


def test_the_inbox_and_export_read_plain_text_for_staff(desk, canary):
    page = desk.get(reverse("leads:inspect", args=[canary.pk])).content.decode()
    assert "Zebulon Canary" in page and "CANARY-MESSAGE-7731" in page
    response = desk.get("/admin/leads/?q=zebulon&export=csv")
    csv = b"".join(response.streaming_content).decode()
    assert "Zebulon Canary" in csv and "zebulon.canary@example.org" in csv
    assert "(843) 555-9876" in csv


def test_search_finds_by_word_start_email_start_and_phone_end(desk, canary):
    InquiryFactory(preferred_name="Someone Else", email="else@example.org")

    def found(query):
        response = desk.get("/admin/leads/", {"q": query})
        return [lead.pk for lead in response.context["object_list"]]

    for query in ["Zeb", "ZEBULON", "zeb can", "zebulon.canary@", "5559876", "9876"]:
        assert found(query) == [canary.pk], query
    for query in ["ebulon", "canary@example.org", "z", "example.org", "1234"]:
        assert found(query) == [], query


def test_an_encrypted_field_cannot_be_compared_by_mistake(canary):
    with pytest.raises(FieldError, match="encrypted"):
        Lead.objects.filter(preferred_name="Zebulon Canary").exists()
    with pytest.raises(FieldError):
        Lead.objects.filter(email__icontains="zebulon").exists()
    assert Lead.objects.filter(email="").count() == 0
    assert Lead.objects.exclude(phone="").count() == 1


def test_rotation_keeps_every_lead_readable_under_the_new_key(
    settings, location, lead_reviewer
):
    settings.LEAD_ENCRYPTION_KEYS = [KEY_A]
    lead = store_canaries(location, lead_reviewer)
    others = InquiryFactory.create_batch(5)
    before = raw(Lead, lead.pk, "preferred_name")

    settings.LEAD_ENCRYPTION_KEYS = [KEY_B, KEY_A]  # new key first, old one kept
    settings.LEAD_BLIND_INDEX_KEY = "a-new-blind-index-key-" + "x" * 20
    call_command("rotate_lead_keys", "--batch-size", "2", stdout=open("/dev/null", "w"))

    settings.LEAD_ENCRYPTION_KEYS = [KEY_B]  # the old key is gone
    assert raw(Lead, lead.pk, "preferred_name") != before
    lead = Lead.objects.get(pk=lead.pk)
    assert {name: getattr(lead, name) for name in CANARY} == CANARY
    assert lead.notes.get().text == NOTE
    assert ChatMessage.objects.get().text == CHAT
    for other in others:
        assert Lead.objects.get(pk=other.pk).preferred_name == other.preferred_name
    from contact.admin.filters import search_leads

    assert list(search_leads(Lead.objects.all(), "zebulon canary")) == [lead]
    [entry] = LeadDeskLogEntry.objects.filter(action=audit.ROTATE)
    # Every encrypted Lead field of the 7 leads (12 since the insurance check's
    # member number and date of birth), the note and the chat message.
    encrypted = [f for f in Lead._meta.fields if isinstance(f, EncryptedTextField)]
    assert len(encrypted) == 12
    assert entry.data == {"rewritten": 12 * 7 + 2, "undecryptable": 0}


@pytest.mark.parametrize("damage", ["revoked key", "wrong key", "corrupted"])
def test_a_value_no_key_opens_is_refused_clearly_and_audited(
    settings, desk, lead_reviewer, location, damage
):
    settings.LEAD_ENCRYPTION_KEYS = [KEY_A]
    lead = store_canaries(location, lead_reviewer)
    token = raw(Lead, lead.pk, "preferred_name")
    if damage == "revoked key":
        settings.LEAD_ENCRYPTION_KEYS = [KEY_B]
    elif damage == "wrong key":
        settings.LEAD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    else:
        set_raw(Lead, lead.pk, "preferred_name", token[:-8] + "AAAAAAA=")
        token = raw(Lead, lead.pk, "preferred_name")

    page = desk.get(reverse("leads:inspect", args=[lead.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert UNDECRYPTABLE_NOTICE in text and "cannot be decrypted" in text
    [entry] = ModelLogEntry.objects.filter(action=audit.UNDECRYPTABLE)
    assert entry.user == lead_reviewer and entry.object_id == str(lead.pk)
    expected = ["preferred_name"] if damage == "corrupted" else None
    if expected:
        assert entry.data == {"parts": expected}
    else:
        assert "notes" in entry.data["parts"] and "email" in entry.data["parts"]
    assert [s for s in SECRETS if s in entry.message + str(entry.data)] == []

    assert desk.get("/admin/leads/").status_code == 200
    assert desk.get("/admin/leads/?export=csv").status_code == 200
    # Working the lead keeps what a restored key could read.
    response = desk.post(
        reverse("leads:edit", args=[lead.pk]), {"status": "contacted", "assignee": ""}
    )
    assert response.status_code == 302
    assert raw(Lead, lead.pk, "preferred_name") == token
    with pytest.raises(CommandError, match="cannot be decrypted"):
        call_command("rotate_lead_keys", stdout=open("/dev/null", "w"))
    assert raw(Lead, lead.pk, "preferred_name") == token
    if damage == "revoked key":
        settings.LEAD_ENCRYPTION_KEYS = [KEY_B, KEY_A]  # the key comes back
        assert Lead.objects.get(pk=lead.pk).preferred_name == CANARY["preferred_name"]


def run_migration(direction: str):
    module = importlib.import_module("contact.migrations.0111_encrypt_existing_leads")
    from django.apps import apps

    site_editor = type("Editor", (), {"connection": connection})()
    getattr(module, direction)(apps, site_editor)


def test_the_migration_encrypts_plain_rows_and_can_be_reversed(lead_reviewer, location):
    lead = store_canaries(location, lead_reviewer)
    note = lead.notes.get()
    # Rows as they were before encryption: plain text, no index.
    for name, value in CANARY.items():
        set_raw(Lead, lead.pk, name, value)
    set_raw(Lead, lead.pk, "search_index", "")
    set_raw(LeadNote, note.pk, "text", NOTE)
    set_raw(ChatMessage, ChatMessage.objects.get().pk, "text", CHAT)
    # Readable while plain (the field reads both), as during the migration.
    assert Lead.objects.get(pk=lead.pk).email == CANARY["email"]

    run_migration("encrypt_rows")
    run_migration("encrypt_rows")  # running again changes nothing it already did
    assert raw(Lead, lead.pk, "email").startswith("gAAAAA")
    assert raw(LeadNote, note.pk, "text").startswith("gAAAAA")
    assert Lead.objects.get(pk=lead.pk).email == CANARY["email"]
    from contact.admin.filters import search_leads

    assert list(search_leads(Lead.objects.all(), "(843) 555-9876")) == [lead]

    run_migration("decrypt_rows")
    assert raw(Lead, lead.pk, "email") == CANARY["email"]
    assert raw(LeadNote, note.pk, "text") == NOTE


def test_reversing_refuses_when_a_value_cannot_be_decrypted(settings, location):
    lead = InquiryFactory(location=location, **CANARY)
    settings.LEAD_ENCRYPTION_KEYS = [KEY_B]
    token = raw(Lead, lead.pk, "email")
    with pytest.raises(RuntimeError, match="no key"):
        run_migration("decrypt_rows")
    assert raw(Lead, lead.pk, "email") == token
