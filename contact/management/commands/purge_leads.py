from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from contact import audit
from contact.admin.filters import open_leads, stale_leads
from contact.choices import LeadStatus
from contact.models import Lead, LeadNote, LeadRateLimitLock


def due_for_purge(now) -> dict[str, Q]:
    """What each retention rule removes, as conditions on Lead (README "Lead desk")."""
    closed_before = now - timedelta(days=settings.LEAD_RETENTION_DAYS)
    untouched_before = now - timedelta(days=settings.LEAD_STALE_PURGE_DAYS)
    return {
        "closed": Q(
            status=LeadStatus.CLOSED, is_spam=False, closed_at__lt=closed_before
        ),
        "spam": Q(is_spam=True, closed_at__lt=closed_before),
        "stale": Q(
            pk__in=open_leads()
            .filter(last_activity_at__lt=untouched_before)
            .values("pk")
        ),
    }


class Command(BaseCommand):
    help = (
        "Delete closed and spam leads LEAD_RETENTION_DAYS after they were closed, "
        "and open leads nobody touched for LEAD_STALE_PURGE_DAYS, with their notes; "
        "clear client keys whose rate-limit window has passed. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be deleted."
        )

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        window_start = now - timedelta(seconds=settings.LEAD_RATE_LIMIT_WINDOW)
        counts = {}
        with transaction.atomic():
            for rule, condition in due_for_purge(now).items():
                leads = Lead.objects.filter(condition)
                counts[rule] = leads.count()
                counts.setdefault("notes", 0)
                counts["notes"] += LeadNote.objects.filter(lead__in=leads).count()
                if not dry_run:
                    leads.delete()  # notes go with them (on_delete=CASCADE)
            keys = Lead.objects.filter(received_at__lt=window_start).filter(
                ~Q(client_key="") | ~Q(receipt_key="")
            )
            counts["client_keys"] = keys.count()
            if not dry_run:
                keys.update(client_key="", receipt_key="")
                LeadRateLimitLock.objects.filter(locked_at__lt=window_start).delete()
                audit.log_purge(counts)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb} {counts['closed']} closed and {counts['spam']} spam leads "
            f"closed over {settings.LEAD_RETENTION_DAYS} days ago, "
            f"{counts['stale']} open leads untouched for "
            f"{settings.LEAD_STALE_PURGE_DAYS} days, and {counts['notes']} notes."
        )
        stale = stale_leads(now)
        self.stdout.write(
            f"{stale.count()} open leads untouched for {settings.LEAD_STALE_DAYS} days "
            "wait for review (the inbox's 'Needs review' filter)."
        )
        total = counts["closed"] + counts["spam"] + counts["stale"]
        verb = "would be removed" if dry_run else "removed"
        self.stdout.write(self.style.SUCCESS(f"{total} leads {verb}."))
