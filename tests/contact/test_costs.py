"""The cost page's two lead kinds: the insurance check and the good-faith estimate
request. Each lands in the one inbox and keeps every lead rule; the member number
and date of birth are asked only when the clinic turns them on, stored encrypted,
and never leave the lead's own page."""

import datetime
import logging
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from contact import audit
from contact.admin.components import received_with_age, waiting_level
from contact.choices import LeadKind, LeadStatus
from contact.due import add_business_days, federal_holidays
from contact.insurers import InsuranceCheckSettings, InsurerPlan
from contact.models import Lead
from demo.factories.contact import InsurerFactory
from demo.factories.leads import EstimateRequestFactory, InsuranceCheckFactory
from demo.factories.notices import NoticeVersionFactory
from notices.choices import NoticeKind
from notices.current import notice_url
from tests.support.auth import sign_in
from tests.support.leads import lead_data, leads_from

COST_URL = "/paying-for-care/"


@pytest.fixture
def insurer(db):
    return InsurerFactory(name="Palmetto Mutual")


@pytest.fixture
def plans(insurer):
    """Two insurers, each with its plans: {name: plan}."""
    other = InsurerFactory(name="Lowcountry Care")
    return {
        name: InsurerPlan.objects.create(insurer=owner, name=name)
        for owner, name in [
            (insurer, "Palmetto Choice PPO"),
            (insurer, "Palmetto Basic HMO"),
            (other, "Lowcountry Select"),
        ]
    }


@pytest.fixture
def ask_everything(db):
    asked = InsuranceCheckSettings.load()
    asked.ask_member_number = asked.ask_date_of_birth = True
    asked.save()
    return asked


def post_insurance(client, capture, **overrides):
    with capture(execute=True):
        return client.post(COST_URL, lead_data("insurance", **overrides))


# --- the insurance check -----------------------------------------------------------


def test_an_insurance_check_is_stored_with_its_insurer_and_plan(
    client, cost_page, insurer, django_capture_on_commit_callbacks, mailoutbox
):
    response = post_insurance(
        client, django_capture_on_commit_callbacks, insurer=str(insurer.pk)
    )
    assert response.status_code == 303
    assert response["Location"] == f"{COST_URL}?sent=1#insurance-check"
    lead = leads_from("insurance").get()
    assert (lead.insurer, lead.plan_type, lead.phone) == (
        insurer,
        "employer",
        "+18435550199",
    )
    assert lead.member_number == "" and lead.date_of_birth == ""
    assert lead.consent_wording is not None and lead.consented_at is not None
    assert lead.allowed_channels == ["call"]
    assert mailoutbox[0].subject == f"New insurance check #{lead.pk}"
    thanks = client.get(response["Location"]).content.decode()
    assert lead.reference in thanks


def test_the_form_offers_each_insurer_and_its_plans_from_the_list(
    client, cost_page, plans
):
    html = client.get(COST_URL).content.decode()
    select = html[html.index('name="insurance-insurer_plan"') :]
    select = select[: select.index("</select>")]
    # Grouped by insurer, so a visitor without JavaScript reads whose plan it is.
    assert select.index('label="Lowcountry Care"') < select.index("Lowcountry Select")
    assert select.index('label="Palmetto Mutual"') < select.index("Palmetto Basic")
    assert "Not sure, or not in this list" in select
    assert ">Not in this list</option>" in html  # the insurer list


def test_an_insurance_check_stores_the_plan_chosen(
    client, cost_page, insurer, plans, django_capture_on_commit_callbacks, mailoutbox
):
    plan = plans["Palmetto Choice PPO"]
    post_insurance(
        client,
        django_capture_on_commit_callbacks,
        insurer=str(insurer.pk),
        insurer_plan=str(plan.pk),
    )
    lead = leads_from("insurance").get()
    assert (lead.insurer, lead.insurer_plan) == (insurer, plan)
    assert "Palmetto" not in mailoutbox[0].body  # the email carries no detail


def test_a_plan_chosen_without_its_insurer_brings_the_insurer(
    client, cost_page, plans, django_capture_on_commit_callbacks
):
    plan = plans["Lowcountry Select"]
    post_insurance(
        client, django_capture_on_commit_callbacks, insurer="", insurer_plan=plan.pk
    )
    lead = leads_from("insurance").get()
    assert (lead.insurer.name, lead.insurer_plan) == ("Lowcountry Care", plan)


@pytest.mark.parametrize("plan", ["Lowcountry Select", "999999", "gold"])
def test_a_plan_of_another_insurer_or_off_the_list_is_refused(
    client, cost_page, insurer, plans, plan
):
    value = str(plans[plan].pk) if plan in plans else plan
    response = client.post(
        COST_URL,
        lead_data("insurance", insurer=str(insurer.pk), insurer_plan=value),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_insurance-insurer_plan-error"' in html
    assert ("another insurer" if plan in plans else "plan from the list") in html
    assert not Lead.objects.exists()


def test_without_plans_entered_the_form_asks_no_plan(client, cost_page, insurer):
    assert "insurance-insurer_plan" not in client.get(COST_URL).content.decode()


def test_member_number_and_birth_date_are_asked_only_when_turned_on(client, cost_page):
    html = client.get(COST_URL).content.decode()
    assert "insurance-member_number" not in html
    assert "insurance-date_of_birth" not in html
    # Posted anyway (a script): ignored.
    client.post(
        COST_URL,
        lead_data("insurance", member_number="XYZ123456", date_of_birth="1990-04-23"),
    )
    assert leads_from("insurance").get().member_number == ""


def test_member_number_and_birth_date_are_stored_encrypted_and_never_emailed(
    client, cost_page, ask_everything, django_capture_on_commit_callbacks, mailoutbox
):
    assert "insurance-member_number" in client.get(COST_URL).content.decode()
    post_insurance(
        client,
        django_capture_on_commit_callbacks,
        member_number="xyz 1234-56789",
        date_of_birth="1990-04-23",
    )
    lead = leads_from("insurance").get()
    assert lead.member_number == "XYZ123456789"
    assert lead.date_of_birth == "1990-04-23"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT member_number, date_of_birth FROM contact_lead WHERE id = %s",
            [lead.pk],
        )
        stored = " ".join(cursor.fetchone())
    assert "XYZ123456789" not in stored and "1990" not in stored
    mail = mailoutbox[0]
    assert "XYZ123456789" not in mail.body + mail.subject
    assert "1990" not in mail.body


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        ({"member_number": "12"}, "member_number", "5 to 20 letters and digits"),
        ({"member_number": "ABC#1234!"}, "member_number", "5 to 20 letters"),
        ({"insurer": "999999"}, "insurer", "from the list"),
        ({"insurer": "Acme"}, "insurer", "from the list"),
        ({"plan_type": "gold"}, "plan_type", "kind of plan from the list"),
        ({"date_of_birth": "04/23/1990"}, "date_of_birth", "like 1990-04-23"),
        ({"date_of_birth": "2999-01-01"}, "date_of_birth", "in the past"),
    ],
)
def test_bad_insurance_details_are_refused_with_a_clear_message(
    client, cost_page, ask_everything, overrides, field, message
):
    response = client.post(COST_URL, lead_data("insurance", **overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'id="insurance-{field}-error"' in html or f"id_insurance-{field}" in html
    assert not Lead.objects.exists()


def test_the_member_number_never_reaches_a_log(
    client, cost_page, ask_everything, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    post_insurance(
        client,
        django_capture_on_commit_callbacks,
        member_number="QQQ987654321",
        date_of_birth="1971-02-03",
    )
    client.post(COST_URL, lead_data("insurance", member_number="QQQ98765432!"))
    assert "QQQ98765" not in caplog.text and "1971-02-03" not in caplog.text


def test_the_insurance_check_without_a_token_is_shown_again_and_stores_nothing(
    cost_page,
):
    # A cached cost page with JavaScript off posts without a CSRF token.
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(COST_URL, lead_data("insurance", preferred_name="Robin"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "press Send once more" in html and 'value="Robin"' in html
    assert 'name="csrfmiddlewaretoken" value=""' not in html
    assert not Lead.objects.exists()


# --- the good-faith estimate request --------------------------------------------------


def test_an_estimate_request_is_stored_with_the_estimate_notice_in_force(
    client, db, django_capture_on_commit_callbacks, mailoutbox
):
    response = client.get("/estimate/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/estimate/", lead_data("estimate"))
    assert response["Location"] == "/estimate/?sent=1"
    lead = leads_from("estimate").get()
    assert lead.message.startswith("Intensive outpatient")
    assert mailoutbox[0].subject == f"New good-faith estimate request #{lead.pk}"
    assert "Intensive" not in mailoutbox[0].body
    assert "three business days" in client.get(response["Location"]).content.decode()


def test_an_estimate_request_needs_to_say_what_it_is_for(client, db):
    response = client.post("/estimate/", lead_data("estimate", message=""))
    assert response.status_code == 400
    assert "Tell us what the estimate is for." in response.content.decode()
    assert not Lead.objects.exists()


@pytest.mark.parametrize(
    "received,due",
    [
        ("2026-12-07", "2026-12-10"),  # Monday → Thursday
        ("2026-12-04", "2026-12-09"),  # Friday → Wednesday
        ("2026-12-05", "2026-12-09"),  # Saturday → Wednesday
        # Thanksgiving (Thursday 26 November 2026) is not a business day.
        ("2026-11-25", "2026-12-01"),  # Wednesday before → Tuesday after
        ("2026-11-26", "2026-12-01"),  # on the day itself
        ("2026-11-23", "2026-11-27"),  # Monday → Friday, the day after counts
        # Christmas on a Saturday (2027) is observed on Friday 24 December, and
        # New Year's Day 2028, a Saturday too, on Friday 31 December 2027.
        ("2027-12-23", "2027-12-29"),
        ("2027-12-29", "2028-01-04"),
        # Christmas on a Sunday (2022) is observed on Monday 26 December, and
        # New Year's Day 2023 on Monday 2 January.
        ("2022-12-23", "2022-12-29"),
        ("2022-12-29", "2023-01-04"),
        # New Year's Day on a weekday (Thursday 1 January 2026).
        ("2025-12-30", "2026-01-05"),
        # Independence Day on a Saturday (2026) is observed on Friday 3 July.
        ("2026-07-01", "2026-07-07"),
    ],
)
def test_an_estimate_is_due_three_business_days_after_receipt(received, due):
    day = datetime.date.fromisoformat(received)
    assert add_business_days(day, 3) == datetime.date.fromisoformat(due)


def test_the_federal_holidays_of_2026_as_federal_offices_observe_them():
    assert sorted(federal_holidays(2026)) == [
        datetime.date(2026, 1, 1),
        datetime.date(2026, 1, 19),  # third Monday of January
        datetime.date(2026, 2, 16),  # third Monday of February
        datetime.date(2026, 5, 25),  # last Monday of May
        datetime.date(2026, 6, 19),
        datetime.date(2026, 7, 3),  # July 4 is a Saturday
        datetime.date(2026, 9, 7),  # first Monday of September
        datetime.date(2026, 10, 12),  # second Monday of October
        datetime.date(2026, 11, 11),
        datetime.date(2026, 11, 26),  # fourth Thursday of November
        datetime.date(2026, 12, 25),
    ]


def test_a_saturday_new_year_is_observed_in_the_year_before():
    assert datetime.date(2021, 12, 31) in federal_holidays(2021)
    assert datetime.date(2022, 1, 1) not in federal_holidays(2022)
    assert datetime.date(2021, 6, 18) in federal_holidays(2021)  # Juneteenth, Sat
    assert not any(day.month == 6 for day in federal_holidays(2020))


def at_noon(day: str) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.fromisoformat(f"{day}T12:00"), timezone.get_current_timezone()
    )


@pytest.mark.parametrize(
    "today,level",
    [("2026-12-08", ""), ("2026-12-09", "amber"), ("2026-12-10", "red")],
)
def test_an_estimate_request_turns_amber_on_its_due_day_and_red_after(db, today, level):
    lead = EstimateRequestFactory(received=at_noon("2026-12-04"))  # a Friday
    assert lead.due_on() == datetime.date(2026, 12, 9)
    with mock.patch("django.utils.timezone.now", return_value=at_noon(today)):
        assert waiting_level(lead) == level
        assert "due Wed Dec 9" in str(received_with_age(lead))
    lead.status = LeadStatus.CLOSED
    assert waiting_level(lead, now=at_noon("2026-12-20")) == ""


# --- the lead desk ---------------------------------------------------------------------


@pytest.fixture
def desk(client, lead_reviewer):
    sign_in(client, lead_reviewer)
    return client


@pytest.fixture
def new_kinds(insurer, plans):
    return (
        InsuranceCheckFactory(
            insurer=insurer,
            insurer_plan=plans["Palmetto Choice PPO"],
            preferred_name="Wren Canary",
            member_number="MEMBERCANARY77",
            date_of_birth="1968-07-09",
        ),
        EstimateRequestFactory(preferred_name="Ivo Canary"),
    )


def test_both_kinds_land_in_the_one_inbox_with_the_estimate_due(desk, new_kinds):
    html = desk.get("/admin/leads/").content.decode()
    check, estimate = new_kinds
    assert f"Insurance check #{check.pk}" in html
    assert f"Good-faith estimate request #{estimate.pk}" in html
    assert f"due {estimate.due_on():%a %b %-d}" in html
    kinds = desk.get(f"/admin/leads/?kind={LeadKind.INSURANCE_CHECK}")
    assert kinds.status_code == 200


def test_the_lead_page_shows_the_insurance_details_and_records_the_view(
    desk, lead_reviewer, new_kinds
):
    check, estimate = new_kinds
    html = desk.get(reverse("leads:inspect", args=[check.pk])).content.decode()
    assert "Palmetto Mutual" in html and "MEMBERCANARY77" in html
    assert "Palmetto Choice PPO" in html
    assert "1968-07-09" in html
    [entry] = ModelLogEntry.objects.filter(action=audit.VIEW)
    assert entry.user == lead_reviewer
    assert "MEMBERCANARY77" not in entry.label + str(entry.data) + entry.message
    estimate_html = desk.get(reverse("leads:inspect", args=[estimate.pk]))
    assert "answer due by" in estimate_html.content.decode()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_names_the_insurer_but_never_member_number_or_birth_date(
    desk, new_kinds, fmt
):
    response = desk.get(f"/admin/leads/?export={fmt}")
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    if fmt == "csv":
        text = content.decode()
        assert "Palmetto Mutual" in text and "Answer due by" in text
        assert "Insurance check: plan" in text and "Palmetto Choice PPO" in text
        assert "Wren Canary" in text  # the export is otherwise whole
    assert b"MEMBERCANARY77" not in content and b"1968-07-09" not in content


# Access, audit, export, retention, the rate limit and a notification free of
# health details are tested once per kind, these two included:
# tests/contact/lead_desk (canary_of_each_kind), tests/contact/test_submission.py
# and tests/contact/test_privacy.py (LEAD_FORMS).


def test_the_estimate_form_and_cost_page_link_the_good_faith_estimate_notice(
    client, cost_page
):
    NoticeVersionFactory(kind=NoticeKind.GOOD_FAITH_ESTIMATE)
    url = notice_url(NoticeKind.GOOD_FAITH_ESTIMATE)
    assert f'href="{url}"' in client.get("/estimate/").content.decode()
    assert f'href="{url}"' in client.get(COST_URL).content.decode()
