"""Inquiries and chat requests become one Lead table with a `kind` (1 of 3: schema).

The inquiry table is renamed to contact_lead, so inquiries keep their ids, their
content type (renamed) and with it their audit entries and permissions; 0105 moves
the chat requests across and 0106 drops their table. Three migrations, because
PostgreSQL will not alter a table in the transaction that just updated its rows.
"""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0103_merge_contact_page_and_lead_desk"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("core", "0002_pages_images_settings"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="inquiry", name="contact_inq_client__946539_idx"
        ),
        migrations.RenameModel(old_name="Inquiry", new_name="Lead"),
        migrations.AlterModelOptions(
            name="lead",
            options={"ordering": ["-is_urgent", "received_at"], "verbose_name": "lead"},
        ),
        migrations.AddField(
            model_name="lead",
            name="kind",
            field=models.CharField(
                choices=[("inquiry", "Inquiry"), ("chat_request", "Chat request")],
                db_index=True,
                default="inquiry",
                max_length=12,
            ),
        ),
        migrations.AddField(
            model_name="lead",
            name="best_time",
            field=models.CharField(
                blank=True, max_length=120, verbose_name="best time to reach me"
            ),
        ),
        migrations.AddField(
            model_name="lead",
            name="first_message",
            field=models.CharField(blank=True, max_length=500),
        ),
        migrations.AddField(
            model_name="lead",
            name="closed_at",
            field=models.DateTimeField(blank=True, db_index=True, null=True),
        ),
        migrations.AddField(
            model_name="lead",
            name="last_activity_at",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now
            ),
        ),
        migrations.AddField(
            model_name="lead",
            name="receipt_key",
            field=models.CharField(blank=True, editable=False, max_length=32),
        ),
        migrations.RemoveConstraint(
            model_name="leadnote", name="leadnote_belongs_to_one_lead"
        ),
        migrations.RenameField(
            model_name="leadnote", old_name="inquiry", new_name="lead"
        ),
    ]
