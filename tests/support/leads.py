"""Lead helpers: valid posts for the public forms, the leads of each kind, and the
canary whose details must never leak from the lead desk."""

import time
import uuid

from contact.choices import LeadKind
from contact.kinds import KINDS
from contact.models import Lead
from contact.spam import make_stamp
from demo.factories.leads import (
    ChatRequestFactory,
    EstimateRequestFactory,
    InquiryFactory,
    InsuranceCheckFactory,
)
from lantana.core.models import User

# Every public lead form that posts a page: its prefix and where it posts.
LEAD_FORMS = [
    ("inquiry", "/contact/"),
    ("chat", "/chat/"),
    ("insurance", "/paying-for-care/"),
    ("estimate", "/estimate/"),
]
# Where each form's visitor text goes (the crisis check reads it).
MESSAGE_FIELDS = {
    "inquiry": "message",
    "chat": "first_message",
    "insurance": "message",
    "estimate": "message",
}


def lead_data(prefix: str, *, age: float = 30, **overrides) -> dict:
    """A valid POST for the inquiry ("inquiry"), chat ("chat"), insurance check
    ("insurance") or good-faith estimate ("estimate") form."""
    submission_id = overrides.pop("submission_id", str(uuid.uuid4()))
    fields = {
        "preferred_name": "Sam",
        "phone": "(843) 555-0199",
        "email": "",
        "preferred_method": "phone",
        "preferred_time": "any",
        "lead_for": "self",
        "consent": "on",
        "submission_id": submission_id,
        "stamp": make_stamp(submission_id, now=time.time() - age),
        "leave_blank": "",
        "source_path": "/articles/first-steps/",
    }
    if prefix == "inquiry":
        fields["message"] = "I would like to know about evening groups."
    elif prefix == "insurance":
        fields.update(insurer="", plan_type="employer", message="Evenings are best.")
    elif prefix == "estimate":
        fields["message"] = "Intensive outpatient, three evenings a week."
    else:
        fields["best_time"] = "Weekdays after 6 pm"
        fields["first_message"] = "Can we talk about evening groups?"
    fields.update(overrides)
    return {
        f"{prefix}-{name}": value for name, value in fields.items() if value is not None
    }


def inquiries():
    return Lead.objects.filter(kind=LeadKind.INQUIRY)


def chat_requests():
    return Lead.objects.filter(kind=LeadKind.CHAT_REQUEST)


def leads_from(prefix: str):
    """The leads a form with this prefix stores."""
    kind = next(spec.kind for spec in KINDS.values() if spec.form_prefix == prefix)
    return Lead.objects.filter(kind=kind)


CANARY = {
    "preferred_name": "Zebulon Canary",
    "email": "zebulon.canary@example.org",
    "phone": "+18435559876",
    "message": "CANARY-MESSAGE-7731 please call after work",
    "source_path": "/canary-source-page/",
    "utm_campaign": "canary-campaign-42",
}
# What only one kind carries: a chat request's first words, an insurance check's
# member number and date of birth (the two never leave the lead page).
CANARY_BY_KIND = {
    LeadKind.CHAT_REQUEST: {"first_message": "CANARY-CHAT-5150"},
    LeadKind.INSURANCE_CHECK: {
        "member_number": "MEMBERCANARY5150",
        "date_of_birth": "1961-03-14",
    },
}
CANARY_STRINGS = [
    *CANARY.values(),
    *(value for fields in CANARY_BY_KIND.values() for value in fields.values()),
    "Zebulon",
    "5559876",
]
# Every kind a public form files, and its factory: the lead desk's rules (access,
# audit, export, retention, notification) are tested once per kind, so a kind
# added here is held to all of them.
KIND_FACTORIES = {
    LeadKind.INQUIRY: InquiryFactory,
    LeadKind.CHAT_REQUEST: ChatRequestFactory,
    LeadKind.INSURANCE_CHECK: InsuranceCheckFactory,
    LeadKind.ESTIMATE_REQUEST: EstimateRequestFactory,
}


def make_canary(kind: str, **extra) -> Lead:
    """A lead of this kind carrying every canary detail it can hold."""
    fields = CANARY | CANARY_BY_KIND.get(kind, {}) | extra
    return KIND_FACTORIES[kind](**fields)


def make_user(username, **extra):
    return User.objects.create_user(
        username, f"{username}@lantana.example", "password", **extra
    )


def body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def leaked(response) -> list[str]:
    text = body(response).decode("utf-8", errors="replace")
    return [value for value in CANARY_STRINGS if value in text]
