"""Inquiries and chat requests become one Lead table (3 of 3: the chat table goes)."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("contact", "0105_move_chat_requests_to_leads")]

    operations = [
        migrations.RemoveField(model_name="leadnote", name="chat_request"),
        migrations.AlterField(
            model_name="leadnote",
            name="lead",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="notes",
                to="contact.lead",
            ),
        ),
        migrations.DeleteModel(name="ChatRequest"),
        migrations.AddIndex(
            model_name="lead",
            index=models.Index(
                fields=["client_key", "received_at"], name="contact_lead_client_idx"
            ),
        ),
        migrations.CreateModel(
            name="LeadRateLimitLock",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("client_key", models.CharField(max_length=32, unique=True)),
                (
                    "locked_at",
                    models.DateTimeField(default=django.utils.timezone.now),
                ),
            ],
        ),
    ]
