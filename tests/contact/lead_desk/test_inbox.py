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

from contact.models import Lead
from demo.factories.leads import ChatRequestFactory, InquiryFactory
from demo.factories.locations import LocationPageFactory
from tests.support.auth import sign_in
from tests.support.leads import body, inquiries, lead_data

INBOX = "/admin/leads/"


def listed(client, query: str = "") -> list[int]:
    response = client.get(INBOX + query)
    assert response.status_code == 200, query
    return [lead.pk for lead in response.context["page_obj"].object_list]


@pytest.fixture
def inbox(client, lead_reviewer):
    sign_in(client, lead_reviewer)
    return client


def test_one_inbox_of_every_kind_urgent_first_then_oldest_first(inbox, location):
    now = timezone.now()
    urgent_chat = ChatRequestFactory(is_urgent=True, received=now - timedelta(hours=1))
    old_urgent = InquiryFactory(is_urgent=True, received=now - timedelta(days=3))
    newest = InquiryFactory(received=now - timedelta(minutes=5))
    older_chat = ChatRequestFactory(received=now - timedelta(hours=5))
    oldest = InquiryFactory(received=now - timedelta(days=2))
    assert listed(inbox) == [
        old_urgent.pk,
        urgent_chat.pk,
        oldest.pk,
        older_chat.pk,
        newest.pk,
    ]
    text = inbox.get(INBOX).content.decode()
    assert f"Chat request #{urgent_chat.pk}" in text
    assert f"Inquiry #{oldest.pk}" in text


def test_the_default_listing_is_the_work_queue(inbox):
    """Open leads only, urgent first then oldest first; no closed or spam lead."""
    now = timezone.now()
    closed_urgent = InquiryFactory(
        is_urgent=True, status="closed", received=now - timedelta(days=9)
    )
    closed = ChatRequestFactory(status="closed", received=now - timedelta(days=8))
    spam = InquiryFactory(is_spam=True, received=now - timedelta(days=7))
    contacted = InquiryFactory(status="contacted", received=now - timedelta(days=2))
    waiting = InquiryFactory(received=now - timedelta(hours=3))
    urgent = ChatRequestFactory(is_urgent=True, received=now - timedelta(minutes=5))
    in_progress = InquiryFactory(status="in_progress", received=now - timedelta(days=1))

    assert listed(inbox) == [urgent.pk, contacted.pk, in_progress.pk, waiting.pk]
    assert listed(inbox, "?status=closed") == [closed_urgent.pk, closed.pk]
    assert listed(inbox, "?spam=only") == [spam.pk]
    assert closed.pk in listed(inbox, "?status=any")
    html = inbox.get(INBOX).content.decode()
    assert "Open (new, in progress, contacted)" in html
    assert "Any status, closed too" in html


def test_a_new_lead_turns_amber_then_red_as_it_waits(inbox, settings):
    settings.LEAD_WAITING_AMBER_MINUTES = 60
    settings.LEAD_WAITING_RED_MINUTES = 240
    now = timezone.now()
    InquiryFactory(received=now - timedelta(minutes=10))
    InquiryFactory(received=now - timedelta(minutes=90))
    InquiryFactory(received=now - timedelta(hours=5))
    InquiryFactory(received=now - timedelta(hours=5), status="contacted")
    text = inbox.get(INBOX).content.decode()
    assert text.count("lead-waiting--amber") == 1
    assert text.count("lead-waiting--red") == 1  # a contacted lead waits no more


def test_listing_shows_number_age_kind_contact_location_status_assignee(
    inbox, location, lead_reviewer
):
    InquiryFactory(
        location=location,
        assignee=lead_reviewer,
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


def test_filters_return_the_right_rows(inbox, location, lead_reviewer):
    now = timezone.now()
    other_place = LocationPageFactory(parent=location.get_parent(), title="Summerville")
    new = InquiryFactory(location=location, received=now - timedelta(days=1))
    urgent = InquiryFactory(is_urgent=True, location=other_place, lead_for="loved_one")
    mine = InquiryFactory(status="in_progress", assignee=lead_reviewer)
    old = InquiryFactory(status="closed", received=now - timedelta(days=40))
    spam = InquiryFactory(is_spam=True)
    chat = ChatRequestFactory(status="contacted", assignee=lead_reviewer)

    assert set(listed(inbox)) == {new.pk, urgent.pk, mine.pk, chat.pk}
    assert set(listed(inbox, "?status=any")) == {
        new.pk,
        urgent.pk,
        mine.pk,
        old.pk,
        chat.pk,
    }
    assert listed(inbox, "?status=closed") == [old.pk]
    assert listed(inbox, "?kind=chat_request") == [chat.pk]
    assert set(listed(inbox, "?kind=inquiry")) == {new.pk, urgent.pk, mine.pk}
    assert set(listed(inbox, "?status=new")) == {new.pk, urgent.pk}
    assert listed(inbox, "?urgency=urgent") == [urgent.pk]
    assert set(listed(inbox, "?urgency=routine")) == {new.pk, mine.pk, chat.pk}
    assert listed(inbox, "?lead_for=loved_one") == [urgent.pk]
    assert listed(inbox, f"?location={other_place.pk}") == [urgent.pk]
    assert set(listed(inbox, "?assigned=me")) == {mine.pk, chat.pk}
    assert set(listed(inbox, "?assigned=nobody")) == {new.pk, urgent.pk}
    assert listed(inbox, "?spam=only") == [spam.pk]
    assert spam.pk in listed(inbox, "?spam=include")
    since = (now - timedelta(days=45)).date().isoformat()
    until = (now - timedelta(days=30)).date().isoformat()
    dates = f"received_at_from={since}&received_at_to={until}"
    assert listed(inbox, f"?{dates}") == []
    assert listed(inbox, f"?{dates}&status=any") == [old.pk]


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
        "?kind=inquiry&kind=chat_request",
        "?kind=%00",
        "?stale=maybe",
        "?q=%22%3C%3E%22+AND+%5C",
        "?received_at_from=2026-01-01&received_at_to=2025-01-01",
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


def test_inbox_runs_the_same_number_of_queries_for_1_and_100_leads(
    inbox, location, lead_reviewer, settings
):
    settings.LEAD_WAITING_AMBER_MINUTES = 1  # every cell shows its waiting colour

    def count_queries() -> int:
        inbox.get(INBOX)  # warm caches (content types, permissions)
        with CaptureQueriesContext(connection) as queries:
            assert inbox.get(INBOX).status_code == 200
        return len(queries)

    InquiryFactory(location=location, assignee=lead_reviewer)
    one = count_queries()
    InquiryFactory.create_batch(49, location=location, assignee=lead_reviewer)
    ChatRequestFactory.create_batch(50, location=location, assignee=lead_reviewer)
    assert Lead.objects.count() == 100
    assert count_queries() == one


def test_the_menu_count_is_per_request_and_never_sticks(client, lead_reviewer):
    from wagtail.admin.menu import admin_menu

    sign_in(client, lead_reviewer)
    leads = [ChatRequestFactory(), InquiryFactory(is_urgent=True)]
    assert "Leads (2 new)" in client.get("/admin/").content.decode()
    items = [item for item in admin_menu.registered_menu_items if item.name == "leads"]
    assert [item.label for item in items] == ["Leads"]  # the shared item untouched
    for lead in leads:
        Lead.objects.filter(pk=lead.pk).update(status="contacted")
    text = client.get("/admin/").content.decode()
    assert "new)" not in text and '"Leads"' in text


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


def export_rows(inbox, query="") -> list[dict]:
    response = inbox.get(INBOX + "?export=csv" + query)
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(body(response).decode())))


def test_csv_export_prefixes_formula_like_cells(inbox):
    InquiryFactory(message=FORMULA, preferred_name="-Minus", phone="")
    [row] = export_rows(inbox)
    assert row["Message"] == "'" + FORMULA
    assert row["What we should call you"] == "'-Minus"


def test_phones_export_in_the_national_form_diallers_import(inbox):
    InquiryFactory(phone="+18435550134")
    [row] = export_rows(inbox)
    assert row["Phone"] == "(843) 555-0134"


def test_chat_exports_carry_what_the_visitor_wrote(inbox):
    ChatRequestFactory(first_message="Is anyone there tonight?", best_time="After 6")
    InquiryFactory(message="About the evening group")
    rows = {row["Kind"]: row for row in export_rows(inbox)}
    chat = rows["Chat request"]
    assert (
        chat["Chat: what they would like to talk about"] == "Is anyone there tonight?"
    )
    assert chat["Chat: best time to reach them"] == "After 6"
    assert rows["Inquiry"]["Message"] == "About the evening group"
    [only_chat] = export_rows(inbox, "&kind=chat_request")
    assert only_chat["Kind"] == "Chat request"


def test_export_follows_the_filters(inbox):
    InquiryFactory(status="new", preferred_name="Waiting Person")
    InquiryFactory(status="closed", preferred_name="Closed Person")
    InquiryFactory(is_spam=True, preferred_name="Spammy Person")
    text = body(inbox.get(INBOX + "?status=new&export=csv")).decode()
    assert "Waiting Person" in text
    assert "Closed Person" not in text and "Spammy Person" not in text


def test_an_urgent_possible_spam_lead_shows_in_the_default_inbox_and_counts(
    client, contact_page, lead_reviewer
):
    client.post(
        "/contact/",
        lead_data("inquiry", message="I want to end my life", leave_blank="x"),
    )
    lead = inquiries().get()
    sign_in(client, lead_reviewer)
    inbox = client.get("/admin/leads/")
    assert [row.pk for row in inbox.context["page_obj"].object_list] == [lead.pk]
    assert "possible spam" in inbox.content.decode()
    home = client.get("/admin/").content.decode()
    assert "Leads (1 new)" in home
    assert "<strong data-lead-new-count>1</strong>" in home
