"""The notification email: the kind, the number and a link. Nothing a visitor typed."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .models import Lead

logger = logging.getLogger(__name__)


# URL namespaces of the lead desk's admin viewsets (contact/viewsets.py).
ADMIN_URL_NAMESPACES = {"inquiry": "lead_inquiries", "chatrequest": "lead_chats"}


def admin_url(lead: Lead) -> str:
    """The lead's inspect page in the lead desk."""
    namespace = ADMIN_URL_NAMESPACES[lead._meta.model_name]
    path = reverse(f"{namespace}:inspect", args=[lead.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def subject_for(lead: Lead) -> str:
    subject = f"New {lead.kind_label.lower()} #{lead.pk}"
    return f"URGENT: {subject}" if lead.is_urgent else subject


def body_for(lead: Lead) -> str:
    lines = [f"{subject_for(lead)} is waiting in the lead inbox.", ""]
    if lead.is_urgent:
        lines += ["It may describe a crisis: please call back first.", ""]
    lines += [f"Open it: {admin_url(lead)}", ""]
    lines += ["Details are only in the admin, never in email."]
    return "\n".join(lines)


def send_lead_notification(model: type[Lead], pk: int) -> bool:
    """Email LEAD_NOTIFY_EMAILS once about a lead. True when a mail was sent.

    The row is locked while sending, and notified_at is set only after the mail
    backend accepted the message, so the worker and notify_pending never both
    send, and a failure leaves the lead for notify_pending to retry.
    """
    recipients = settings.LEAD_NOTIFY_EMAILS
    if not recipients:
        logger.warning(
            "LEAD_NOTIFY_EMAILS is empty: %s #%s not notified", model.kind, pk
        )
        return False
    with transaction.atomic():
        lead = (
            model.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, notified_at__isnull=True, is_spam=False)
            .only("pk", "is_urgent", "notified_at")
            .first()
        )
        if lead is None:
            return False
        send_mail(subject_for(lead), body_for(lead), None, recipients)
        lead.notified_at = timezone.now()
        lead.save(update_fields=["notified_at"])
    logger.info("Notified staff of %s #%s", lead.kind, lead.pk)
    return True
