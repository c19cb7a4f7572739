"""breach_scope reads the audit trail back into who was affected, exactly."""

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from wagtail.models import ModelLogEntry

from contact import audit
from contact.models import Lead
from demo.factories.leads import ChatRequestFactory, InquiryFactory
from tests.support.leads import make_user

EASTERN = ZoneInfo("America/New_York")


def at(day, hour=12, minute=0):
    return datetime(2026, 11, day, hour, minute, tzinfo=EASTERN)


def entry(user, action, when, lead=None, data=None):
    object_id = str(lead.pk) if lead else action.rsplit(".", 1)[-1]
    return ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Lead),
        object_id=object_id,
        label=str(lead) if lead else "Lead desk",
        action=action,
        timestamp=when,
        user=user,
        data=data or {},
    )


def breach_scope(*args):
    out = StringIO()
    call_command("breach_scope", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def trail(lead_reviewer):
    other = make_user("colleague")
    ana = InquiryFactory(preferred_name="Ana", email="ana@example.org", phone="")
    # Ana again, a week later, by chat request: the same person.
    ana_again = ChatRequestFactory(
        preferred_name="Ana R", email="ANA@example.org", phone="+18435550101"
    )
    ben = InquiryFactory(preferred_name="Ben", email="", phone="+18435550102")
    cy = InquiryFactory(preferred_name="Cy", email="cy@example.org", phone="")
    gone = InquiryFactory()
    untouched = InquiryFactory()

    entry(lead_reviewer, audit.VIEW, at(2, 9), ana)
    entry(lead_reviewer, audit.VIEW, at(2, 9, 5), ana)
    entry(lead_reviewer, audit.SEARCH, at(3), data={"leads": [ana.pk, ana_again.pk]})
    entry(lead_reviewer, audit.CHANGE, at(4), ben, {"changes": {}})
    entry(lead_reviewer, audit.NOTE, at(4, 13), ben)
    entry(
        lead_reviewer,
        audit.EXPORT,
        at(10),
        data={"format": "csv", "rows": 2, "filters": [], "leads": [ben.pk, gone.pk]},
    )
    entry(lead_reviewer, audit.SEARCH, at(11))  # from before ids were recorded
    entry(
        lead_reviewer, audit.VIEW, at(30, 23, 59), cy
    )  # the last minute of the window
    entry(
        lead_reviewer,
        audit.VIEW,
        datetime(2026, 12, 1, 0, 0, tzinfo=EASTERN),
        untouched,
    )
    entry(
        lead_reviewer,
        audit.VIEW,
        datetime(2026, 10, 31, 23, 59, tzinfo=EASTERN),
        untouched,
    )
    entry(other, audit.VIEW, at(5), untouched)  # someone else's access
    gone_pk = gone.pk
    gone.delete()
    return {
        "ana": ana.pk,
        "ana_again": ana_again.pk,
        "ben": ben.pk,
        "cy": cy.pk,
        "gone": gone_pk,
    }


def test_breach_scope_reproduces_the_seeded_trail_exactly(trail):
    output = breach_scope(
        "--user", "reviewer", "--from", "2026-11-01", "--to", "2026-11-30"
    )
    assert output.splitlines() == [
        "Breach scope for reviewer: 2026-11-01 00:00:00 to 2026-11-30 23:59:59 "
        "(America/New_York)",
        f"Inquiry #{trail['ana']}: viewed 2, searched 1",
        f"Chat request #{trail['ana_again']}: searched 1",
        f"Inquiry #{trail['ben']}: exported 1, changed 2",
        f"Inquiry #{trail['cy']}: viewed 1",
        f"Lead #{trail['gone']} (no longer stored): exported 1",
        "Leads: 5 (viewed 2, searched 2, exported 2, changed 1)",
        "People affected: 4 (leads sharing an email or phone counted once; leads no "
        "longer stored counted one each)",
        "Warning: 1 search entries from before lead numbers were recorded: every "
        "lead they could have reached may be affected.",
    ]


def test_breach_scope_prints_contacts_only_when_asked(trail):
    output = breach_scope(
        "--user", "reviewer", "--from", "2026-11-04", "--to", "2026-11-04", "--contacts"
    )
    assert output.splitlines()[1:3] == [
        f"Inquiry #{trail['ben']}: changed 2",
        "    Ben | - | +18435550102",
    ]
    plain = breach_scope(
        "--user", "reviewer", "--from", "2026-11-04", "--to", "2026-11-04"
    )
    assert "Ben" not in plain and "555" not in plain


def test_breach_scope_takes_times_and_refuses_bad_input(trail):
    output = breach_scope(
        "--user", "reviewer", "--from", "2026-11-02T09:01", "--to", "2026-11-02T10:00"
    )
    assert f"Inquiry #{trail['ana']}: viewed 1" in output
    for args, message in [
        (
            ["--user", "nobody", "--from", "2026-11-01", "--to", "2026-11-02"],
            "username",
        ),
        (
            ["--user", "reviewer", "--from", "yesterday", "--to", "2026-11-02"],
            "not a date",
        ),
        (
            ["--user", "reviewer", "--from", "2026-11-05", "--to", "2026-11-01"],
            "before",
        ),
    ]:
        with pytest.raises(CommandError, match=message):
            breach_scope(*args)
