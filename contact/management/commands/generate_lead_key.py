from django.core.management.base import BaseCommand

from contact.crypto import generate_key


class Command(BaseCommand):
    help = (
        "Print a new random key for LEAD_ENCRYPTION_KEYS. Put it first in the list "
        "(keep the old ones after it), restart, then run rotate_lead_keys."
    )

    def handle(self, *args, **options):
        self.stdout.write(generate_key())
