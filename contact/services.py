"""Storing a lead: one transaction, idempotent on submission_id, notified after commit."""

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from notices.current import current_notice_ids

from .choices import VisitorLanguage
from .crisis import mentions_crisis
from .models import Lead, LeadNoticeVersion
from .spam import enforce_rate_limit
from .tasks import notify_new_lead

logger = logging.getLogger(__name__)

# No 0/O, 1/I/L: easy to read aloud on the phone.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


@dataclass(frozen=True)
class Receipt:
    """What the thank-you state may show: nothing the visitor typed."""

    kind: str
    reference: str
    is_urgent: bool

    @classmethod
    def for_lead(cls, lead: Lead) -> "Receipt":
        return cls(kind=lead.kind, reference=lead.reference, is_urgent=lead.is_urgent)


def new_reference() -> str:
    """'K7QM-X4TB': random, short, never sequential."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{chars[:4]}-{chars[4:]}"


def find_lead(submission_id: str) -> Lead | None:
    return (
        Lead.objects.filter(submission_id=submission_id)
        .only("pk", "kind", "reference", "is_urgent", "receipt_key")
        .first()
    )


def judge_spam(lead: Lead, reason: str) -> None:
    """Quarantine a lead a spam check fired on, unless it mentions a crisis: an
    urgent lead always reaches intake, marked "possible spam"."""
    lead.spam_reason = reason
    lead.is_spam = not lead.is_urgent


def visitor_language() -> str:
    """The language of the request being answered (its URL's), as Lead.language."""
    code = translation.get_language() or ""
    return code if code in VisitorLanguage.values else VisitorLanguage.ENGLISH


def store_lead(
    lead: Lead,
    message_text: str,
    spam_reason: str = "",
    *,
    notify: bool = True,
    on_saved: Callable[[Lead], None] | None = None,
) -> Receipt:
    """Save a new lead once; a repeated submission_id returns the first one's receipt.

    RateLimited propagates (nothing stored). Database errors other than a duplicate
    propagate too: the caller answers 503. `on_saved` runs in the same transaction
    (a live chat's conversation); `notify=False` leaves the email to the caller
    (a live chat is emailed only if nobody answers it).
    """
    # The visitor's words may be in more than one field (a chat request's "best
    # time" is free text too).
    lead.language = visitor_language()
    lead.is_urgent = mentions_crisis(
        message_text, lead.best_time, language=lead.language
    )
    if spam_reason:
        judge_spam(lead, spam_reason)
    lead.sync_closed_at(now=timezone.now())
    lead.consented_at = lead.consented_at or timezone.now()
    for _attempt in range(3):
        lead.reference = new_reference()
        try:
            with transaction.atomic():
                enforce_rate_limit(lead.client_key, quarantined=lead.is_spam)
                lead.save()
                record_notices_in_force(lead)
                if on_saved is not None:
                    on_saved(lead)
                if notify and not lead.is_spam:
                    transaction.on_commit(
                        lambda pk=lead.pk: enqueue_notification(pk), robust=True
                    )
        except IntegrityError:
            lead.pk = None
            existing = find_lead(lead.submission_id)
            if existing is not None:
                return Receipt.for_lead(existing)
            # Otherwise the random reference collided: draw another.
            continue
        return Receipt.for_lead(lead)
    raise IntegrityError("could not draw a unique reference")


def record_notices_in_force(lead: Lead) -> None:
    """Which version of each notice was in force as the lead arrived."""
    LeadNoticeVersion.objects.bulk_create(
        LeadNoticeVersion(lead=lead, notice_version_id=pk)
        for pk in current_notice_ids()
    )


def enqueue_notification(pk: int) -> None:
    notify_new_lead.enqueue(pk)
