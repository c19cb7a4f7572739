"""Inquiries and chat requests become one Lead table (2 of 3: the data).

The inquiry table is renamed to contact_lead, so inquiries keep their ids, their
content type (renamed) and with it their audit entries and permissions. Each chat
request is copied across as a new row (a new id: ids are per table), its notes and
audit entries re-pointed at that row. Audit labels are history and stay as they
were written ("Chat request #7" names the old number); the reference code the
visitor quotes is kept. Then the chat table goes.
"""

import django.utils.timezone
from django.db import migrations

SHARED_FIELDS = [
    "preferred_name",
    "email",
    "phone",
    "preferred_method",
    "preferred_time",
    "voicemail_ok",
    "email_ok",
    "lead_for",
    "message",
    "consent",
    "location_id",
    "source_path",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "submission_id",
    "status",
    "is_urgent",
    "is_spam",
    "spam_reason",
    "notified_at",
    "assignee_id",
    "client_key",
]
PERMISSION_RENAMES = {
    f"{action}_inquiry": f"{action}_lead"
    for action in ("add", "change", "delete", "view")
}


def lead_content_type(apps):
    """The Lead content type: the inquiry one renamed, or merged into an existing one."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    inquiry = ContentType.objects.filter(app_label="contact", model="inquiry").first()
    lead = ContentType.objects.filter(app_label="contact", model="lead").first()
    if inquiry and lead:
        ModelLogEntry.objects.filter(content_type=inquiry).update(content_type=lead)
        for permission in Permission.objects.filter(content_type=inquiry):
            new = PERMISSION_RENAMES.get(permission.codename)
            target = Permission.objects.filter(content_type=lead, codename=new).first()
            if target:
                for group in permission.group_set.all():
                    group.permissions.add(target)
        inquiry.delete()
    elif inquiry:
        inquiry.model = "lead"
        inquiry.save()
        lead = inquiry
    elif lead is None:
        lead = ContentType.objects.create(app_label="contact", model="lead")
    for old, new in PERMISSION_RENAMES.items():
        if not Permission.objects.filter(content_type=lead, codename=new).exists():
            Permission.objects.filter(content_type=lead, codename=old).update(
                codename=new, name=f"Can {new.split('_')[0]} lead"
            )
    return lead


def merge_chat_requests(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    Lead = apps.get_model("contact", "Lead")
    ChatRequest = apps.get_model("contact", "ChatRequest")
    LeadNote = apps.get_model("contact", "LeadNote")

    lead_type = lead_content_type(apps)
    chat_type = ContentType.objects.filter(app_label="contact", model="chatrequest")
    chat_type = chat_type.first()
    taken = set(Lead.objects.values_list("reference", flat=True))
    for chat in ChatRequest.objects.order_by("pk").iterator():
        reference = chat.reference
        if reference in taken:  # references were unique per table only
            reference = f"{reference}-C"[:12]
        taken.add(reference)
        lead = Lead.objects.create(
            kind="chat_request",
            reference=reference,
            best_time=chat.best_time,
            first_message=chat.first_message,
            **{name: getattr(chat, name) for name in SHARED_FIELDS},
        )
        # received_at is auto_now_add: set the real time after the insert.
        Lead.objects.filter(pk=lead.pk).update(received_at=chat.received_at)
        LeadNote.objects.filter(chat_request_id=chat.pk).update(lead_id=lead.pk)
        if chat_type is not None:
            ModelLogEntry.objects.filter(
                content_type=chat_type, object_id=str(chat.pk)
            ).update(content_type=lead_type, object_id=str(lead.pk))
    if chat_type is not None:
        # Export entries ("object_id=export") belong to the one table now.
        ModelLogEntry.objects.filter(content_type=chat_type).update(
            content_type=lead_type
        )
        chat_type.delete()  # and its permissions with it

    # Every lead gets the clocks retention needs.
    now = django.utils.timezone.now()
    for lead in Lead.objects.all().iterator():
        last_note = (
            LeadNote.objects.filter(lead_id=lead.pk)
            .order_by("-created_at")
            .values_list("created_at", flat=True)
            .first()
        )
        activity = max(filter(None, [lead.received_at, last_note]))
        closed = lead.status == "closed" or lead.is_spam
        Lead.objects.filter(pk=lead.pk).update(
            last_activity_at=activity,
            # The real closing time is unknown: the last activity is the best guess.
            closed_at=min(activity, now) if closed else None,
        )


def split_chat_requests(apps, schema_editor):
    """Going back is possible only while no lead exists (a fresh or test database):
    the rows cannot be told apart into two tables' ids again."""
    if apps.get_model("contact", "Lead").objects.exists():
        raise RuntimeError(
            "contact 0105 cannot be reversed with leads stored: they share one table."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0104_one_lead_table"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(merge_chat_requests, split_chat_requests)]
