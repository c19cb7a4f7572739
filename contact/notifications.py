"""The new-lead notification, as the lead desk calls it.

Owned by the lead desk until the contact app's background task lands; then
`notify_lead` should hand over to that task.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

logger = logging.getLogger(__name__)


def lead_admin_url(lead) -> str:
    name = "lead_inquiries" if lead._meta.model_name == "inquiry" else "lead_chats"
    path = reverse(f"{name}:inspect", args=[lead.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def notify_lead(lead) -> bool:
    """Tell intake a lead is waiting; the mail carries no health detail, only a link.

    Returns whether a mail went out. Leads already notified, or in spam, are skipped.
    """
    if lead.notified_at or lead.is_spam or not settings.LEAD_NOTIFY_EMAILS:
        return False
    subject = f"New {lead}".replace("Inquiry", "inquiry").replace("Chat", "chat")
    body = f"A new lead is waiting in the lead inbox:\n\n{lead_admin_url(lead)}\n"
    try:
        send_mail(subject, body, None, settings.LEAD_NOTIFY_EMAILS)
    except OSError:
        # notified_at stays empty, so the next notify run tries again.
        logger.warning("Could not send the notification for %s", lead)
        return False
    lead.notified_at = timezone.now()
    type(lead).objects.filter(pk=lead.pk).update(notified_at=lead.notified_at)
    return True
