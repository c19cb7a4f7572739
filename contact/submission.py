"""A posted lead form, judged and stored the same way for every public form: the
inquiry pages, the /chat/ callback form and the live chat start.

The caller validates the form; this reads the signed stamp, turns the form into an
unsaved Lead with its spam verdict, and stores it (contact/services.py) once per
submission id.
"""

import hashlib
import hmac

from django.conf import settings

from .forms import LeadForm
from .models import Lead
from .services import Receipt, find_lead, store_lead
from .spam import StampState, check_stamp, client_key, new_submission_id, restamp


def read_stamp(form: LeadForm) -> tuple[str, StampState]:
    """A validated form's submission id (a new one if it sent none) and how its
    signed stamp reads. Any re-render carries a stamp dated now for the same
    submission id (written into the form's own copy of the POST); it spares the
    visitor a second wait only if this post proved the first one."""
    data, prefix = form.data, form.prefix
    posted_stamp = data.get(f"{prefix}-stamp", "")
    submission_id = form.cleaned_data.get("submission_id") or new_submission_id()
    stamp_state = check_stamp(posted_stamp, submission_id)
    data[f"{prefix}-submission_id"] = submission_id
    data[f"{prefix}-stamp"] = restamp(posted_stamp, submission_id)
    return submission_id, stamp_state


def resend_data(form_class: type[LeadForm], prefix: str, post):
    """A form posted without its CSRF token, to show again as typed: its
    submission id kept and a stamp dated now, never marked filled (this post
    proved nothing about speed, so the minimum fill time runs from this render)."""
    data = post.copy()
    submission_id = data.get(f"{prefix}-submission_id") or new_submission_id()
    data[f"{prefix}-submission_id"] = submission_id
    data[f"{prefix}-stamp"] = restamp(data.get(f"{prefix}-stamp", ""), submission_id)
    return form_class(data, prefix=prefix)


def new_lead(
    request, form: LeadForm, submission_id: str, stamp_state: StampState, **fields
) -> tuple[Lead, str]:
    """The unsaved lead a valid form describes, and the spam checks' verdict."""
    lead = form.save(commit=False)
    lead.submission_id = submission_id
    lead.client_key = client_key(request)
    for name, value in fields.items():
        setattr(lead, name, value)
    return lead, form.spam_reason(stamp_state)


def submit(
    request, form: LeadForm, submission_id: str, stamp_state: StampState, **fields
) -> Receipt | None:
    """Store the lead a valid form describes; its receipt, or None when the
    submission id is someone else's. RateLimited and DatabaseError propagate."""
    owner = receipt_key(request)
    existing = find_lead(submission_id)
    if existing is None:
        lead, spam_reason = new_lead(
            request, form, submission_id, stamp_state, receipt_key=owner, **fields
        )
        receipt = store_lead(lead, form.message_text, spam_reason)
        if receipt.reference == lead.reference:
            return receipt
        existing = find_lead(submission_id)  # a concurrent post stored it first
    # A repeat (double tap, second tab) from the same browser sees its receipt;
    # a submission id replayed from anywhere else learns nothing.
    if owner and existing.receipt_key == owner:
        return Receipt.for_lead(existing)
    return None


def receipt_key(request) -> str:
    """A keyed hash of this browser's CSRF cookie: the same for a double tap or two
    tabs, unknown to another browser. "" when there is no cookie."""
    cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    if not cookie:
        return ""
    key = hashlib.sha256(f"contact.receipt:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, cookie.encode(), hashlib.sha256).hexdigest()[:32]
