import io

from django.core.management.base import BaseCommand

from ...exports import write_locator_csv
from ...models import LocationPage


class Command(BaseCommand):
    help = (
        "Write every live location's facts (levels of care, medications, payment, "
        "languages, ages, telehealth, insurers) with the national locator's codes "
        "as CSV, for the yearly N-SUMHSS update. To standard output, or --output."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="A file to write instead of stdout.")

    def handle(self, *args, output=None, **options):
        locations = (
            LocationPage.objects.live()
            .order_by("path")
            .prefetch_related("insurers_accepted")
        )
        if output:
            with open(output, "w", newline="", encoding="utf-8") as stream:
                count = write_locator_csv(stream, locations)
            self.stderr.write(f"{count} rows written to {output}.")
        else:
            stream = io.StringIO()
            write_locator_csv(stream, locations)
            self.stdout.write(stream.getvalue(), ending="")
