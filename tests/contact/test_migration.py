"""The move to one Lead table, run on a populated two-table database."""

import uuid
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from contact.choices import LeadKind
from contact.models import Lead, LeadDeskLogEntry, LeadNote

BEFORE = [("contact", "0103_merge_contact_page_and_lead_desk")]
AFTER = [("contact", "0106_drop_chat_request_table")]
WHEN = datetime(2026, 3, 4, 5, 6, tzinfo=UTC)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def lead_fields(**extra):
    return {
        "preferred_name": "Sam",
        "email": "sam@example.com",
        "phone": "+18435550134",
        "preferred_method": "text",
        "preferred_time": "evening",
        "voicemail_ok": True,
        "email_ok": True,
        "lead_for": "loved_one",
        "consent": True,
        "source_path": "/contact/",
        "utm_source": "flyer",
        "utm_medium": "print",
        "utm_campaign": "spring",
        "submission_id": uuid.uuid4(),
        "status": "in_progress",
        "is_urgent": True,
        "spam_reason": "",
        "notified_at": WHEN,
        "client_key": "k" * 32,
        **extra,
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_tables_become_one_with_every_field_note_and_audit_entry():
    old = migrate(BEFORE)
    try:
        ids = populate(old)
        migrate(AFTER)
    finally:
        # Leave the database at the latest state whatever happened.
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    check_one_table(**ids)


def populate(old) -> dict:
    """Two-table rows as the first edition stored them, written with its models."""
    ContentType = old.get_model("contenttypes", "ContentType")
    ModelLogEntry = old.get_model("wagtailcore", "ModelLogEntry")
    User = old.get_model("core", "User")
    Group = old.get_model("auth", "Group")
    Inquiry = old.get_model("contact", "Inquiry")
    ChatRequest = old.get_model("contact", "ChatRequest")
    OldNote = old.get_model("contact", "LeadNote")
    Permission = old.get_model("auth", "Permission")
    # The content types and permissions as a database at 0103 had them (migrating
    # back does not rename them back).
    ContentType.objects.filter(app_label="contact", model="lead").update(
        model="inquiry"
    )
    inquiry_type, _ = ContentType.objects.get_or_create(
        app_label="contact", model="inquiry"
    )
    chat_type, _ = ContentType.objects.get_or_create(
        app_label="contact", model="chatrequest"
    )
    reviewers = Group.objects.get(name="Lead reviewers")
    reviewers.permissions.set(
        [
            Permission.objects.get(
                content_type__app_label="wagtailadmin", codename="access_admin"
            )
        ]
    )
    for content_type, model in [(inquiry_type, "inquiry"), (chat_type, "chatrequest")]:
        for action in ("add", "change", "delete", "view"):
            Permission.objects.filter(
                content_type=content_type, codename=f"{action}_lead"
            ).update(codename=f"{action}_{model}")
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            if action in ("view", "change"):
                reviewers.permissions.add(permission)
    staff = User.objects.create(username="ida")
    inquiry = Inquiry.objects.create(
        reference="AAAA-BBBB",
        message="About the evening group",
        assignee=staff,
        **lead_fields(),
    )
    Inquiry.objects.filter(pk=inquiry.pk).update(received_at=WHEN)
    # Same id as the inquiry in its own table, and a colliding reference.
    chats = [
        ChatRequest.objects.create(
            pk=inquiry.pk + n,
            reference=reference,
            best_time="After 6",
            first_message=f"Chat {n}",
            **lead_fields(status="closed", is_urgent=False),
        )
        for n, reference in enumerate(["CCCC-DDDD", "AAAA-BBBB"])
    ]
    assert chats[0].pk == inquiry.pk
    ChatRequest.objects.filter(pk=chats[0].pk).update(received_at=WHEN)
    OldNote.objects.create(inquiry=inquiry, author=staff, text="Inquiry note")
    OldNote.objects.create(chat_request=chats[0], author=staff, text="Chat note")
    for content_type, pk, label in [
        (inquiry_type, inquiry.pk, f"Inquiry #{inquiry.pk}"),
        (chat_type, chats[0].pk, f"Chat request #{chats[0].pk}"),
        (chat_type, "export", "Chat request export"),
    ]:
        ModelLogEntry.objects.create(
            content_type=content_type,
            object_id=str(pk),
            label=label,
            action="contact.lead.view",
            timestamp=WHEN,
            user=staff,
        )
    assert reviewers.permissions.filter(codename="change_inquiry").exists()

    return {"inquiry_id": inquiry.pk, "old_chat_id": chats[0].pk, "staff_id": staff.pk}


def check_one_table(inquiry_id, old_chat_id, staff_id):
    leads = {lead.first_message or lead.message: lead for lead in Lead.objects.all()}
    assert set(leads) == {"About the evening group", "Chat 0", "Chat 1"}
    moved_inquiry = leads["About the evening group"]
    assert moved_inquiry.pk == inquiry_id  # inquiries keep their ids
    assert moved_inquiry.kind == LeadKind.INQUIRY
    chat = leads["Chat 0"]
    assert chat.kind == LeadKind.CHAT_REQUEST and chat.pk != inquiry_id
    for lead in (moved_inquiry, chat):
        for name, value in lead_fields().items():
            if name not in {"submission_id", "status", "is_urgent"}:
                assert getattr(lead, name) == value, name
        assert lead.received_at == WHEN
    assert (
        moved_inquiry.reference == "AAAA-BBBB" and moved_inquiry.assignee_id == staff_id
    )
    assert (chat.best_time, chat.reference, chat.status) == (
        "After 6",
        "CCCC-DDDD",
        "closed",
    )
    assert chat.closed_at is not None and moved_inquiry.closed_at is None
    assert leads["Chat 1"].reference == "AAAA-BBBB-C"  # kept readable, made unique
    assert {note.text: note.lead_id for note in LeadNote.objects.all()} == {
        "Inquiry note": inquiry_id,
        "Chat note": chat.pk,
    }

    from django.apps import apps as django_apps
    from django.contrib.auth.models import Group as LiveGroup
    from django.contrib.contenttypes.models import ContentType as LiveType
    from wagtail.models import ModelLogEntry as LiveEntry

    LiveType.objects.clear_cache()
    # Warmed again at once: a serialized_rollback restore in the next test looks
    # content types up (receivers) and must find them, not create them.
    LiveType.objects.get_for_models(*django_apps.get_models())
    lead_type = LiveType.objects.get_for_model(Lead)
    assert not LiveType.objects.filter(
        app_label="contact", model="chatrequest"
    ).exists()
    entries = {entry.label: entry for entry in LiveEntry.objects.all()}
    # 0109 moved the export entry to the lead desk's own log.
    assert "Chat request export" not in entries
    assert LeadDeskLogEntry.objects.get().label == "Chat request export"
    assert entries[f"Inquiry #{inquiry_id}"].object_id == str(inquiry_id)
    assert entries[f"Chat request #{old_chat_id}"].object_id == str(chat.pk)
    assert {entry.content_type_id for entry in entries.values()} == {lead_type.pk}
    assert list(
        LiveEntry.objects.for_instance(chat).values_list("label", flat=True)
    ) == [f"Chat request #{old_chat_id}"]
    codenames = set(
        LiveGroup.objects.get(name="Lead reviewers").permissions.values_list(
            "codename", flat=True
        )
    )
    # The chat request ones are gone; 0108 (live chat) added the canned replies'.
    assert codenames == {
        "access_admin",
        "view_lead",
        "change_lead",
        "add_cannedreply",
        "change_cannedreply",
        "delete_cannedreply",
    }
