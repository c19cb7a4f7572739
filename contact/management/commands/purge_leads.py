from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from contact.choices import LeadStatus
from contact.models import ChatRequest, Inquiry, LeadNote


class Command(BaseCommand):
    help = (
        "Delete closed and spam leads received more than LEAD_RETENTION_DAYS ago, "
        "with their notes. Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count what would be deleted.",
        )

    def handle(self, *args, dry_run=False, **options):
        days = settings.LEAD_RETENTION_DAYS
        cutoff = timezone.now() - timedelta(days=days)
        due = Q(received_at__lt=cutoff) & (
            Q(status=LeadStatus.CLOSED) | Q(is_spam=True)
        )
        total = 0
        with transaction.atomic():
            for model, note_field in (
                (Inquiry, "inquiry"),
                (ChatRequest, "chat_request"),
            ):
                leads = model.objects.filter(due)
                count = leads.count()
                notes = LeadNote.objects.filter(**{f"{note_field}__in": leads}).count()
                if not dry_run:
                    leads.delete()  # notes go with them (on_delete=CASCADE)
                total += count
                verb = "Would delete" if dry_run else "Deleted"
                self.stdout.write(
                    f"{verb} {count} {model._meta.verbose_name_plural} "
                    f"and {notes} notes"
                )
        verb = "would be removed" if dry_run else "removed"
        self.stdout.write(
            self.style.SUCCESS(
                f"{total} leads older than {days} days {verb} (closed or spam only)."
            )
        )
