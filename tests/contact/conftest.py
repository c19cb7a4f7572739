import time
import uuid

import pytest

from contact.choices import LeadKind
from contact.factories import ContactPageFactory
from contact.models import Lead
from contact.spam import make_stamp


@pytest.fixture
def contact_page(home):
    return ContactPageFactory(parent=home)


def lead_data(prefix: str, *, age: float = 30, **overrides) -> dict:
    """A valid POST for the inquiry ("inquiry") or chat ("chat") form."""
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
