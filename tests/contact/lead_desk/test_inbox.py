"""The inbox: order, filters, search, pagination, bad input, queries, export."""

import csv
import io
import zipfile
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from contact.lead_factories import InquiryFactory
from contact.models import Inquiry
from lantana.core.factories import LocationPageFactory
from tests.auth import sign_in

from .conftest import body

INBOX = "/admin/leads/inquiries/"


def listed(client, query: str = "") -> list[int]:
    response = client.get(INBOX + query)
    assert response.status_code == 200, query
    return [lead.pk for lead in response.context["page_obj"].object_list]


@pytest.fixture
def inbox(client, reviewer):
    sign_in(client, reviewer)
    return client


def test_urgent_first_then_newest(inbox, location):
    now = timezone.now()
    old_urgent = InquiryFactory(is_urgent=True, received=now - timedelta(days=3))
    newest = InquiryFactory(received=now - timedelta(minutes=5))
    older = InquiryFactory(received=now - timedelta(hours=5))
    assert listed(inbox) == [old_urgent.pk, newest.pk, older.pk]


def test_listing_shows_number_age_kind_contact_location_status_assignee(
    inbox, location, reviewer
):
    InquiryFactory(
        location=location,
        assignee=reviewer,
        received=timezone.now() - timedelta(hours=2),
        preferred_method="text",
        status="contacted",
    )
    text = inbox.get(INBOX).content.decode().replace("\xa0", " ")
    for expected in [
        "Inquiry #",
        "2 hours ago",
        "Inquiry · for me",
        "Text message, Any time",
        "Charleston",
        "Contacted",
        "Rae Viewer",
    ]:
        assert expected in text


def test_filters_return_the_right_rows(inbox, location, reviewer):
    now = timezone.now()
    other_place = LocationPageFactory(parent=location.get_parent(), title="Summerville")
    new = InquiryFactory(location=location, received=now - timedelta(days=1))
    urgent = InquiryFactory(is_urgent=True, location=other_place, lead_for="loved_one")
    mine = InquiryFactory(status="in_progress", assignee=reviewer)
    old = InquiryFactory(status="closed", received=now - timedelta(days=40))
    spam = InquiryFactory(is_spam=True)

    assert set(listed(inbox)) == {new.pk, urgent.pk, mine.pk, old.pk}
    assert set(listed(inbox, "?status=new")) == {new.pk, urgent.pk}
    assert listed(inbox, "?urgency=urgent") == [urgent.pk]
    assert set(listed(inbox, "?urgency=routine")) == {new.pk, mine.pk, old.pk}
    assert listed(inbox, "?lead_for=loved_one") == [urgent.pk]
    assert listed(inbox, f"?location={other_place.pk}") == [urgent.pk]
    assert listed(inbox, "?assigned=me") == [mine.pk]
    assert set(listed(inbox, "?assigned=nobody")) == {new.pk, urgent.pk, old.pk}
    assert listed(inbox, "?spam=only") == [spam.pk]
    assert spam.pk in listed(inbox, "?spam=include")
    since = (now - timedelta(days=45)).date().isoformat()
    until = (now - timedelta(days=30)).date().isoformat()
    assert listed(inbox, f"?received_at_from={since}&received_at_to={until}") == [
        old.pk
    ]


def test_search_by_name_email_and_phone(inbox, canary):
    InquiryFactory(preferred_name="Someone Else")
    assert listed(inbox, "?q=zebulon") == [canary.pk]
    assert listed(inbox, "?q=zebulon.canary@example") == [canary.pk]
    assert listed(inbox, "?q=%2B18435559876") == [canary.pk]
    assert listed(inbox, "?q=(843) 555-9876") == [canary.pk]


@pytest.mark.parametrize(
    "query",
    [
        "?status=bogus",
        "?urgency=maybe",
        "?location=999999",
        "?location=abc",
        "?received_at_from=notadate",
        "?received_at_from=2026-13-45&received_at_to=yesterday",
        "?received_at_to=99999-01-01",
        "?assigned=everyone",
        "?spam=sure",
        "?p=9999",
        "?p=abc",
        "?p=-1",
        "?ordering=password",
        "?q=%25%27%22%3Cscript%3E",
        "?q=" + "x" * 500,
        "?export=pdf",
        "?lead_for=%00",
    ],
)
def test_hand_edited_query_strings_never_500(inbox, query):
    InquiryFactory()
    spam = InquiryFactory(is_spam=True)
    response = inbox.get(INBOX + query)
    assert response.status_code in {200, 404}
    if response.status_code == 200 and "spam" in query:
        # An invalid spam filter still hides quarantined leads.
        assert spam.pk not in [
            lead.pk for lead in response.context["page_obj"].object_list
        ]


def test_pagination(inbox):
    InquiryFactory.create_batch(30)
    assert len(listed(inbox)) == 25
    assert len(listed(inbox, "?p=2")) == 5


def test_inbox_runs_a_fixed_number_of_queries(inbox, location, reviewer):
    def count_queries() -> int:
        inbox.get(INBOX)  # warm caches (content types, permissions)
        with CaptureQueriesContext(connection) as queries:
            assert inbox.get(INBOX).status_code == 200
        return len(queries)

    InquiryFactory(location=location, assignee=reviewer)
    one = count_queries()
    InquiryFactory.create_batch(49, location=location, assignee=reviewer)
    assert Inquiry.objects.count() == 50
    assert count_queries() == one


# Export


FORMULA = '=HYPERLINK("x","y")'


def test_xlsx_export_has_no_formula_cells(inbox):
    InquiryFactory(message=FORMULA, preferred_name="+Plus", utm_source="@at")
    response = inbox.get(INBOX + "?export=xlsx")
    assert response.status_code == 200
    data = body(response)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        for name in sheets:
            assert b"<f>" not in archive.read(name)
    sheet = load_workbook(io.BytesIO(data)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert FORMULA in values
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_csv_export_prefixes_formula_like_cells(inbox):
    InquiryFactory(message=FORMULA, preferred_name="-Minus", phone="")
    response = inbox.get(INBOX + "?export=csv")
    rows = list(csv.reader(io.StringIO(body(response).decode())))
    header, row = rows[0], rows[1]
    assert row[header.index("Message")] == "'" + FORMULA
    assert row[header.index("What we should call you")] == "'-Minus"


def test_export_follows_the_filters(inbox):
    InquiryFactory(status="new", preferred_name="Waiting Person")
    InquiryFactory(status="closed", preferred_name="Closed Person")
    InquiryFactory(is_spam=True, preferred_name="Spammy Person")
    text = body(inbox.get(INBOX + "?status=new&export=csv")).decode()
    assert "Waiting Person" in text
    assert "Closed Person" not in text and "Spammy Person" not in text
