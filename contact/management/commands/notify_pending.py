from django.core.management.base import BaseCommand, CommandError

from contact.chat.services import expire_unanswered
from contact.emails import open_chat_leads, send_lead_notification
from contact.models import Lead


class Command(BaseCommand):
    help = (
        "Time out live chats nobody accepted (CHAT_ACCEPT_TIMEOUT_MINUTES), then "
        "email staff about leads that were stored but never notified (for example "
        "during a mail outage). Safe to run from cron: each lead is mailed once."
    )

    def handle(self, *args, **options):
        # First, so a chat whose ASGI process died still becomes a notified lead.
        expired = expire_unanswered()
        if expired:
            self.stdout.write(f"{expired} live chat(s) nobody answered in time.")
        sent = failed = 0
        pending = Lead.objects.filter(notified_at__isnull=True, is_spam=False)
        pending = pending.exclude(pk__in=open_chat_leads())
        # Urgent first, then oldest first: the order intake works them in.
        pending = pending.order_by("-is_urgent", "received_at")
        for pk in pending.values_list("pk", flat=True):
            try:
                sent += send_lead_notification(pk)
            except Exception as error:  # noqa: BLE001 - report and move on
                failed += 1
                self.stderr.write(
                    f"Could not notify lead #{pk}: {type(error).__name__}"
                )
        self.stdout.write(f"Sent {sent} notification(s); {failed} failed.")
        if failed:
            raise CommandError(
                f"{failed} notification(s) could not be sent; run again later."
            )
