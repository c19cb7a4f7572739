from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from contact import audit
from contact.fields import EncryptedTextField, undecryptable_fields
from contact.models import ChatMessage, Lead, LeadNote


def encrypted_field_names(model) -> list[str]:
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedTextField)
    ]


def lead_id(row) -> int:
    if isinstance(row, Lead):
        return row.pk
    if isinstance(row, LeadNote):
        return row.lead_id
    return row.conversation.lead_id


class Command(BaseCommand):
    help = (
        "Re-encrypt every lead, note and chat message under the first key in "
        "LEAD_ENCRYPTION_KEYS and rebuild the search index with LEAD_BLIND_INDEX_KEY. "
        "Runs while the site is up: a batch at a time, each row locked only for its "
        "batch; the site reads old and new keys alike meanwhile. Values no key opens "
        "are left as they are, counted and audited."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=200)

    def handle(self, *args, batch_size=200, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be 1 or more")
        counts = {"rewritten": 0, "undecryptable": 0}
        unreadable: dict[int, set[str]] = {}
        for model, part in [
            (Lead, None),
            (LeadNote, "notes"),
            (ChatMessage, "chat messages"),
        ]:
            fields = encrypted_field_names(model)
            last = 0
            while True:
                with transaction.atomic():
                    rows = list(
                        model.objects.select_for_update()
                        .filter(pk__gt=last)
                        .order_by("pk")[:batch_size]
                    )
                    for row in rows:
                        missing = undecryptable_fields(row)
                        if missing:
                            counts["undecryptable"] += len(missing)
                            unreadable.setdefault(lead_id(row), set()).update(
                                [part] if part else missing
                            )
                        # An unreadable value is written back as the token it was.
                        row.save(update_fields=fields)
                        counts["rewritten"] += len(fields) - len(missing)
                if not rows:
                    break
                last = rows[-1].pk
            self.stdout.write(f"{model._meta.verbose_name_plural.capitalize()}: done.")
        for pk, parts in sorted(unreadable.items()):
            lead = Lead.objects.filter(pk=pk).first()
            if lead is not None:
                audit.log_undecryptable(lead, None, sorted(parts))
        audit.log_rotation(counts)
        self.stdout.write(
            f"Re-encrypted {counts['rewritten']} values under the newest key."
        )
        if counts["undecryptable"]:
            raise CommandError(
                f"{counts['undecryptable']} values in {len(unreadable)} leads cannot "
                "be decrypted with any configured key and were left as they were "
                "(lead ids in Reports → Site history). Keep the old keys until they "
                "are restored or the leads are purged."
            )
        self.stdout.write(
            self.style.SUCCESS(
                "Every value is under the newest key: the older keys can be removed "
                "from LEAD_ENCRYPTION_KEYS."
            )
        )
