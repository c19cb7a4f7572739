"""The location page's sections printed in Python ({% opening_hours %},
{% service_list %}, {% fact_list %}, {% credential_list %}) match their reference
templates, templates/locations/includes/*.html, byte for byte: every shape of row,
in English and Spanish, with what editors type escaped."""

import datetime
import itertools
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone, translation

from demo.factories.contact import InsurerFactory
from demo.factories.core import StandardPageFactory
from demo.factories.locations import CredentialFactory, LocationOperatingHoursFactory
from demo.factories.staff import ClinicianPageFactory
from locations.availability import Availability
from locations.credentials import credentials_shown
from locations.facts import location_facts
from locations.models import LocationOperatingHours, LocationPage
from locations.queries import get_hours, get_insurers
from locations.templatetags.location_tags import (
    credential_list,
    fact_list,
    opening_hours,
    service_list,
)
from staff.models import ClinicianPage

pytestmark = pytest.mark.django_db
LANGUAGES = ["en", "es"]
TYPED = "Sam <b>\"&'"


def drawn(name: str, **context) -> str:
    return render_to_string(f"locations/includes/{name}.html", context)


@pytest.mark.parametrize("language", LANGUAGES)
def test_opening_hours(location, language):
    LocationOperatingHoursFactory(
        location=location, day="TUE", opens=datetime.time(0, 0), closes=None
    )
    LocationOperatingHoursFactory(
        location=location, day="WED", opens=datetime.time(9, 30), closes=None
    )
    LocationOperatingHoursFactory(
        location=location, day="FRI", opens=datetime.time(12), closes=datetime.time(23)
    )
    hours = get_hours(location)
    assert len(hours) == 5
    with translation.override(language):
        for rows in (hours, hours[:1], []):
            assert opening_hours(rows) == drawn("opening_hours", hours=rows)


@pytest.mark.parametrize("language", LANGUAGES)
def test_services_with_and_without_pages(location, home, language):
    linked = StandardPageFactory(parent=home, title="Day program", slug="day")
    request = RequestFactory().get("/")
    services = [
        ("service", {"name": TYPED, "description": TYPED, "page": None}),
        ("service", {"name": "Groups", "description": "", "page": None}),
    ]
    for shown in (services, [*services, ("service", {"name": "Day", "page": linked})]):
        location.services = shown
        location.save()
        stored = LocationPage.objects.get(pk=location.pk).services
        with translation.override(language):
            context = {"request": request}
            printed = service_list(context, stored)
            assert printed == drawn("services", services=stored, request=request)
            assert ("/day/" in printed) == (len(shown) == 3)
    assert service_list({}, LocationPage.objects.get(pk=location.pk).services[:0]) == ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_facts_and_insurers(location, language):
    location.care_levels = ["OP", "RD"]
    location.languages = ["SP", "AH"]
    location.offers_telehealth = True
    location.save()
    location.insurers_accepted.add(InsurerFactory(name=TYPED), InsurerFactory())
    insurers = get_insurers(location)
    with translation.override(language):
        facts = location_facts(location)
        for shown, accepted in ((facts, insurers), (facts, []), ([], insurers)):
            assert fact_list(shown, accepted) == drawn(
                "facts", facts=shown, insurers=accepted
            )
        assert fact_list([], []) == drawn("facts", facts=[], insurers=[]) == ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_credentials(location, language):
    CredentialFactory(
        title=TYPED,
        issuer=TYPED,
        verification_url="https://example.org/check?a=1&b=2",
        covers=[location],
        shown_on=[location],
    )
    CredentialFactory(
        kind="accreditation",
        number="",
        levels_of_care=[],
        covers=[location],
        shown_on=[location],
    )
    credentials = credentials_shown(location)
    assert len(credentials) == 2
    with translation.override(language):
        for shown in (credentials, credentials[1:], []):
            assert credential_list(shown) == drawn("credentials", credentials=shown)


def test_a_preview_shows_the_editors_unsaved_rows(location):
    """Hours, photos and insurers come from plain SQL for a saved page, but a
    preview's are the editor's unsaved rows, held in memory by the page."""
    location.hours = [LocationOperatingHours(day="TUE", opens=datetime.time(9))]
    location.insurers_accepted = [InsurerFactory(name="Chosen, not saved")]
    assert [row.day for row in get_hours(location)] == ["TUE"]
    assert [insurer.name for insurer in get_insurers(location)] == ["Chosen, not saved"]
    saved = LocationPage.objects.get(pk=location.pk)
    assert [row.day for row in get_hours(saved)] == ["MON", "SUN"]
    assert get_insurers(saved) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_details(location, language):
    """`{% location_details %}` prints `locations/includes/details.html` (whose own
    last line break is not part of the section) with every field filled or empty,
    each availability state, the clinic's phone standing in for the location's."""
    now = timezone.now()
    hours = get_hours(location)
    states = [
        None,
        Availability(False, None, now - datetime.timedelta(minutes=3)),
        Availability(True, None, now - datetime.timedelta(hours=5)),
        Availability(True, datetime.date(2026, 3, 9), now),
    ]
    filled = {
        "street_address": TYPED,
        "city": "Charleston & co",
        "phone": "(843) 555-0100",
        "email": "a&b@example.com",
        "hours_notes": TYPED,
    }
    with translation.override(language):
        for state, fields, clinic_phone, words, rows in itertools.product(
            states,
            [filled, {"phone": "", "email": "", "hours_notes": ""}],
            ["", "843 555 <0134>"],
            ["", "en"],
            [hours, []],
        ):
            for name, value in fields.items():
                setattr(location, name, value)
            context = Context(
                {
                    "page": location,
                    "availability": state,
                    "next_assessment": "Monday & <more>" if state else "",
                    "hours": rows,
                    "languages": SimpleNamespace(content_language=words),
                    "settings": {
                        "core": {"SiteSettings": SimpleNamespace(phone=clinic_phone)}
                    },
                }
            )
            drawn = Template('{% include "locations/includes/details.html" %}').render(
                context
            )
            printed = Template("{% load location_tags %}{% location_details %}")
            assert printed.render(context) == drawn.removesuffix("\n")


@pytest.mark.parametrize("language", LANGUAGES)
def test_clinician_items(clinician, team_index, site, language):
    ClinicianPageFactory(parent=team_index, slug="ana", job_title=TYPED, photo=None)
    request = RequestFactory().get("/")
    request._wagtail_site = site
    clinicians = list(ClinicianPage.objects.order_by("pk"))
    with translation.override(language):
        for shown in (clinicians, clinicians[:1], []):
            context = Context({"clinicians": shown, "request": request})
            drawn = Template(
                "{% load card_tags %}{% for clinician in clinicians %}<li>"
                "{% clinician_card clinician 3 request=request %}</li>{% endfor %}"
            ).render(context)
            printed = Template(
                "{% load location_tags %}{% clinician_items clinicians request=request %}"
            ).render(context)
            assert printed == drawn
