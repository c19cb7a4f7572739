from django.core.management.base import BaseCommand

from insights.rollup import purge_old_aggregates, rollup


class Command(BaseCommand):
    help = (
        "Fold the raw beacon queue into the daily insight tables (and empty it), "
        "then delete daily rows past INSIGHTS_RETENTION_DAYS. Run every 10 minutes."
    )

    def handle(self, *args, **options):
        read = rollup()
        purged = purge_old_aggregates()
        self.stdout.write(f"Rolled up {read} events; deleted {purged} old daily rows.")
