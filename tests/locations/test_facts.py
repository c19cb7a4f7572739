"""A location's facts for families, with the national locator's codes: one source
for the page, its JSON-LD and the CSV for the yearly survey update; and the cost
page, which lists the insurers the live locations accept."""

import csv
import io
import json
import re

import pytest
from django.core.management import call_command
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from demo.factories.contact import InsurerFactory
from demo.factories.locations import LocationPageFactory
from locations.facts import location_facts
from tests.support.auth import sign_in
from tests.support.caching import publish

CSV_URL = "/admin/locator-facts.csv"


@pytest.fixture
def insurers(db):
    return [
        InsurerFactory(name="Palmetto Mutual"),
        InsurerFactory(name="Lowcountry Care"),
    ]


@pytest.fixture
def with_facts(location, insurers):
    location.care_levels = ["OIT", "OP"]
    location.medications = ["BWN", "VTRL", "ACM"]
    location.payment_options = ["SF", "PI", "SS"]
    location.languages = ["EN", "SP"]
    location.age_groups = ["ADLT", "YAD"]
    location.offers_telehealth = True
    location.insurers_accepted.set(insurers)
    return publish(location)


def json_ld(html: str) -> dict:
    blocks = re.findall(
        r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S
    )
    found = [json.loads(block) for block in blocks]
    return next(data for data in found if data.get("@type") == "MedicalClinic")


def test_the_page_shows_each_family_in_its_own_order(client, with_facts):
    html = client.get(with_facts.url).content.decode()
    assert "Care, payment and languages" in html
    for label in (
        "Outpatient",
        "Intensive outpatient",
        "Buprenorphine with naloxone",
        "Extended-release naltrexone injection",
        "Acamprosate",
        "Sliding fee scale",
        "Spanish",
        "Young adults",
        "Telehealth",
        "Palmetto Mutual",
        "Lowcountry Care",
    ):
        assert label in html, label
    # Families list their choices in the locator's order, not the ticking order.
    assert html.index(">Outpatient<") < html.index(">Intensive outpatient<")


def test_the_json_ld_says_what_the_page_shows_with_the_codes(client, with_facts):
    data = json_ld(client.get(with_facts.url).content.decode())
    services = {(s["identifier"], s["name"]) for s in data["availableService"]}
    assert ("OIT", "Intensive outpatient") in services
    assert ("VTRL", "Extended-release naltrexone injection") in services
    assert ("TELE", "Telehealth (video or phone sessions)") in services
    assert all(s["@type"] == "MedicalTherapy" for s in data["availableService"])
    assert data["paymentAccepted"] == (
        "Cash or self-payment, Private health insurance, Sliding fee scale"
    )
    assert data["knowsLanguage"] == ["en", "es"]
    assert sorted(data["healthPlanNetworkId"]) == ["Lowcountry Care", "Palmetto Mutual"]


def test_deaf_and_hard_of_hearing_services_claim_no_language(client, with_facts):
    with_facts.languages = ["SP", "AH"]
    publish(with_facts)
    html = client.get(with_facts.url).content.decode()
    assert "Services for people who are deaf or hard of hearing" in html
    assert json_ld(html)["knowsLanguage"] == ["es"]  # no "ase": AH names no language


def test_a_location_without_facts_says_nothing_of_them(client, location):
    html = client.get(location.url).content.decode()
    assert "Care, payment and languages" not in html
    data = json_ld(html)
    for key in ("availableService", "paymentAccepted", "knowsLanguage"):
        assert key not in data


def test_the_command_writes_one_row_per_code(with_facts, location_index):
    draft = LocationPageFactory(parent=location_index, title="Draft", slug="draft")
    draft.care_levels = ["RS"]
    draft.save()
    draft.unpublish()
    out = io.StringIO()
    call_command("export_locator_facts", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    codes = {(row["family"], row["code"]) for row in rows}
    assert ("care_levels", "OP") in codes and ("medications", "ACM") in codes
    assert ("telehealth", "TELE") in codes and ("languages", "SP") in codes
    assert ("care_levels", "RS") not in codes  # the unpublished page is left out
    # English is no locator code (the locator lists other languages only).
    assert ("languages", "") in codes and ("languages", "EN") not in codes
    insurers = [row["label"] for row in rows if row["family"] == "insurers"]
    assert sorted(insurers) == ["Lowcountry Care", "Palmetto Mutual"]
    assert {row["location"] for row in rows} == {"Charleston"}
    assert len(rows) == sum(len(g.facts) for g in location_facts(with_facts)) + 2


def test_the_csv_download_is_for_those_who_edit_locations(
    client, with_facts, admin_user, lead_reviewer
):
    assert client.get(CSV_URL).status_code == 302  # to sign in
    sign_in(client, lead_reviewer)
    refused = client.get(CSV_URL)
    assert refused.status_code == 403  # not a redirect a script takes for success
    assert "Content-Disposition" not in refused
    assert "Intensive outpatient" not in refused.content.decode()
    sign_in(client, admin_user)
    response = client.get(CSV_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert "Intensive outpatient" in response.content.decode()


def test_an_editor_text_is_never_a_spreadsheet_formula(client, location, admin_user):
    location.insurers_accepted.set([InsurerFactory(name="=HYPERLINK(1)")])
    publish(location)
    sign_in(client, admin_user)
    text = client.get(CSV_URL).content.decode()
    assert "'=HYPERLINK(1)" in text


def test_the_cost_page_lists_insurers_live_locations_accept(
    client, cost_page, with_facts, location_index
):
    InsurerFactory(name="Nobody Takes Me")
    elsewhere = LocationPageFactory(parent=location_index, title="Gone", slug="gone")
    elsewhere.insurers_accepted.set([InsurerFactory(name="Only Unpublished")])
    publish(elsewhere)
    elsewhere.unpublish()
    html = client.get(cost_page.url).content.decode()
    listed = html[html.index('class="insurer-list"') :]
    listed = listed[: listed.index("</ul>")]
    assert "Palmetto Mutual" in listed and "Lowcountry Care" in listed
    assert "Nobody Takes Me" not in listed and "Only Unpublished" not in listed
    # The insurance check offers every insurer (some families' plans are unlisted).
    assert 'name="insurance-insurer"' in html and "Nobody Takes Me" in html
    assert "sliding fee" in html and "billed by the laboratory" in html
    assert 'href="/estimate/"' in html


def edit_data(page, **facts):
    """The location editor's POST; `facts` (lists of ticked values) added as they
    are, since nested_form_data would number a list's items."""
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "street_address": page.street_address,
            "city": page.city,
            "state": page.state,
            "postal_code": page.postal_code,
            "hours": inline_formset([]),
            "photos": inline_formset([]),
            "credentials": inline_formset([]),
            "services": streamfield([]),
            "description": rich_text(""),
            "action-publish": "action-publish",
        }
    )
    return {**data, **facts}


def test_editors_tick_facts_and_insurers_in_the_page_editor(
    client, admin_user, location, insurers
):
    sign_in(client, admin_user)
    response = client.post(
        f"/admin/pages/{location.pk}/edit/",
        edit_data(
            location,
            care_levels=["OP", "OIT"],
            medications=["METH"],
            insurers_accepted=[str(insurers[0].pk)],
            offers_telehealth="on",
        ),
    )
    assert response.status_code == 302
    location.refresh_from_db()
    assert location.care_levels == ["OP", "OIT"]
    assert location.medications == ["METH"] and location.offers_telehealth
    assert list(location.insurers_accepted.all()) == [insurers[0]]


def test_an_unknown_code_is_refused_in_the_editor(client, admin_user, location):
    sign_in(client, admin_user)
    response = client.post(
        f"/admin/pages/{location.pk}/edit/",
        edit_data(location, care_levels=["OP", "XX"]),
    )
    assert response.status_code == 200  # Wagtail's editor shows its errors
    assert "XX is not one of the national locator" in response.content.decode()
    location.refresh_from_db()
    assert location.care_levels == []
