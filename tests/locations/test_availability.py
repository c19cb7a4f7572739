"""Availability: shown with "updated … ago" for 48 hours after staff set it, then
hidden until renewed; JSON-LD's isAcceptingNewPatients follows what is shown."""

import datetime
import json
import re

import pytest
from django.utils import timezone
from freezegun import freeze_time
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


def accepting_in_json_ld(html: str):
    blocks = re.findall(
        r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S
    )
    values = [json.loads(b).get("isAcceptingNewPatients") for b in blocks]
    return [v for v in values if v is not None]


def set_availability(location, accepting=True, days_ahead=1, at=None):
    location.accepting_new_patients = accepting
    location.next_assessment_on = timezone.localdate() + datetime.timedelta(days_ahead)
    location.availability_updated_at = at or timezone.now()
    location.save_revision().publish()


def test_availability_shows_for_48_hours_then_hides(client, location):
    set_availability(location)
    html = client.get(location.url).content.decode()
    assert "Accepting new patients" in html
    assert "Next assessment" in html and "tomorrow" in html
    assert "Updated" in html
    assert accepting_in_json_ld(html) == [True]

    with freeze_time(timezone.now() + 47 * HOUR):
        assert "Accepting new patients" in client.get(location.url).content.decode()
    with freeze_time(timezone.now() + 49 * HOUR):
        html = client.get(location.url).content.decode()
    assert "Accepting new patients" not in html
    assert "Next assessment" not in html
    assert accepting_in_json_ld(html) == []


def test_not_accepting_is_said_plainly_and_in_json_ld(client, location):
    set_availability(location, accepting=False)
    html = client.get(location.url).content.decode()
    assert "Not taking new patients right now" in html
    assert "Next assessment" not in html
    assert accepting_in_json_ld(html) == [False]


def test_never_set_shows_nothing(client, location):
    html = client.get(location.url).content.decode()
    assert "new patients" not in html
    assert accepting_in_json_ld(html) == []


def edit_data(page, **availability):
    return nested_form_data(
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
            **availability,
        }
    )


def test_staff_set_availability_in_the_page_editor(client, admin_user, location):
    sign_in(client, admin_user)
    response = client.post(
        f"/admin/pages/{location.pk}/edit/",
        edit_data(location, accepting_new_patients="true", next_assessment="today"),
    )
    assert response.status_code == 302
    location.refresh_from_db()
    assert location.accepting_new_patients is True
    assert location.next_assessment_on == timezone.localdate()
    assert location.availability_updated_at is not None
    assert "today" in client.get(location.url).content.decode()


def test_an_assessment_date_in_the_past_is_refused(client, admin_user, location):
    sign_in(client, admin_user)
    past = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = client.post(
        f"/admin/pages/{location.pk}/edit/",
        edit_data(
            location,
            accepting_new_patients="true",
            next_assessment="date",
            next_assessment_date=past,
        ),
    )
    assert response.status_code == 200
    assert "This date is in the past" in response.content.decode()
    location.refresh_from_db()
    assert location.availability_updated_at is None
