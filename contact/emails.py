"""The notification email: the kind, the number and a link. Nothing a visitor typed."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .chat.models import ChatConversation, ConversationState
from .choices import VisitorLanguage
from .models import Lead

OPEN_CHAT_STATES = (ConversationState.WAITING, ConversationState.ACTIVE)


def open_chat_leads():
    """Live chats still waiting or being answered: not emailed (a subquery, so the
    row lock below needs no outer join)."""
    return ChatConversation.objects.filter(state__in=OPEN_CHAT_STATES).values("lead_id")


logger = logging.getLogger(__name__)


def admin_url(lead: Lead) -> str:
    """The lead's page in the lead inbox (contact/admin/viewsets.py)."""
    path = reverse("leads:inspect", args=[lead.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def subject_for(lead: Lead) -> str:
    subject = f"{lead.spec.notification_subject} #{lead.pk}"
    if lead.language == VisitorLanguage.SPANISH:
        subject += " (Spanish-speaking visitor)"
    return f"URGENT: {subject}" if lead.is_urgent else subject


def body_for(lead: Lead) -> str:
    lines = [f"{subject_for(lead)} is waiting in the lead inbox.", ""]
    if lead.is_urgent:
        lines += ["It may describe a crisis: please call back first.", ""]
    if lead.language == VisitorLanguage.SPANISH:
        lines += ["Spanish-speaking visitor: please call back in Spanish.", ""]
    if lead.is_do_not_contact:
        lines += ["The visitor has asked not to be contacted: do not reach out.", ""]
    elif lead.revoked_scopes():
        lines += ["The visitor limited how we may reach them: read the lead first.", ""]
    lines += [f"Open it: {admin_url(lead)}", ""]
    lines += ["Details are only in the admin, never in email."]
    return "\n".join(lines)


def send_lead_notification(pk: int) -> bool:
    """Email LEAD_NOTIFY_EMAILS once about a lead. True when a mail was sent.

    The row is locked while sending, and notified_at is set only after the mail
    backend accepted the message, so the worker and notify_pending never both
    send, and a failure leaves the lead for notify_pending to retry. A live chat
    still open (waiting or being answered) is not emailed: only one nobody
    answered is.
    """
    recipients = settings.LEAD_NOTIFY_EMAILS
    if not recipients:
        logger.warning("LEAD_NOTIFY_EMAILS is empty: lead #%s not notified", pk)
        return False
    with transaction.atomic():
        lead = (
            Lead.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, notified_at__isnull=True, is_spam=False)
            .exclude(pk__in=open_chat_leads())
            .only("pk", "kind", "is_urgent", "notified_at")
            .prefetch_related("revocations")
            .first()
        )
        if lead is None:
            return False
        send_mail(subject_for(lead), body_for(lead), None, recipients)
        lead.notified_at = timezone.now()
        lead.save(update_fields=["notified_at"])
    logger.info("Notified staff of %s", lead)
    return True
