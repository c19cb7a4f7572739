"""Storing a lead: one transaction, idempotent on submission_id, notified after commit."""

import logging
import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from .crisis import mentions_crisis
from .models import ChatRequest, Inquiry, Lead

logger = logging.getLogger(__name__)

# No 0/O, 1/I/L: easy to read aloud on the phone.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LEAD_MODELS = {"inquiry": Inquiry, "chat": ChatRequest}


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


def find_receipt(model: type[Lead], submission_id: str) -> Receipt | None:
    lead = (
        model.objects.filter(submission_id=submission_id)
        .only("pk", "reference", "is_urgent")
        .first()
    )
    return Receipt.for_lead(lead) if lead else None


def store_lead(lead: Lead, message_text: str) -> Receipt:
    """Save a new lead once; a repeated submission_id returns the first one's receipt.

    Database errors other than a duplicate propagate: the caller answers 503.
    """
    lead.is_urgent = mentions_crisis(message_text)
    model = type(lead)
    for _attempt in range(3):
        lead.reference = new_reference()
        try:
            with transaction.atomic():
                lead.save()
                if not lead.is_spam:
                    transaction.on_commit(
                        lambda kind=lead.kind, pk=lead.pk: enqueue_notification(
                            kind, pk
                        ),
                        robust=True,
                    )
        except IntegrityError:
            lead.pk = None
            existing = find_receipt(model, lead.submission_id)
            if existing is not None:
                return existing
            # Otherwise the random reference collided: draw another.
            continue
        return Receipt.for_lead(lead)
    raise IntegrityError("could not draw a unique reference")


def enqueue_notification(kind: str, pk: int) -> None:
    from .tasks import notify_new_lead

    notify_new_lead.enqueue(kind, pk)
