from django.conf import settings
from django.core.management.base import BaseCommand

from ...expiry import warn_expiring


class Command(BaseCommand):
    help = (
        "Email CREDENTIAL_NOTIFY_EMAILS 60 and 7 days before a licence, accreditation "
        "or certification expires, once each. Run it daily."
    )

    def handle(self, *args, **options):
        if not settings.CREDENTIAL_NOTIFY_EMAILS:
            self.stderr.write("CREDENTIAL_NOTIFY_EMAILS is empty: nobody to warn.")
        sent = warn_expiring()
        for credential, days in sent:
            self.stdout.write(f"Warned: {credential} ({days}-day warning)")
        self.stdout.write(self.style.SUCCESS(f"{len(sent)} warnings sent."))
