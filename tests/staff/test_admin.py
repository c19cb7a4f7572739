"""Editors can add, edit and preview clinicians in the Wagtail admin."""

import pytest
from django.contrib.auth import get_user_model

from staff.factories import TherapeuticApproachFactory
from tests.auth import sign_in

from .helpers import soup


@pytest.fixture
def editor_client(client, db):
    user = get_user_model().objects.create_superuser("editor", "e@example.com", "pw")
    sign_in(client, user)
    return client


def test_add_form_offers_the_vocabulary_as_checkboxes(editor_client, team_index):
    TherapeuticApproachFactory(name="Motivational Interviewing")
    response = editor_client.get(
        f"/admin/pages/add/staff/clinicianpage/{team_index.pk}/"
    )
    assert response.status_code == 200
    boxes = soup(response).select('input[type="checkbox"][name="approaches"]')
    assert len(boxes) == 1


def test_edit_form(editor_client, maya):
    assert editor_client.get(f"/admin/pages/{maya.pk}/edit/").status_code == 200


def test_preview_a_new_clinician(editor_client, team_index, location):
    approach = TherapeuticApproachFactory(name="Family systems")
    url = f"/admin/pages/add/staff/clinicianpage/{team_index.pk}/preview/"
    data = {
        "title": "Jordan Price",
        "slug": "jordan-price",
        "first_name": "Jordan",
        "last_name": "Price",
        "credentials": "LMFT",
        "job_title": "Family Therapist",
        "role": "clinical",
        "sort_order": "100",
        "short_bio": "Jordan works with families.",
        "specialties": "Family therapy",
        "approaches": [str(approach.pk)],
        "locations-TOTAL_FORMS": "1",
        "locations-INITIAL_FORMS": "0",
        "locations-MIN_NUM_FORMS": "0",
        "locations-MAX_NUM_FORMS": "1000",
        "locations-0-location": str(location.pk),
        "locations-0-ORDER": "1",
        "locations-0-id": "",
        "licence_number": "",
        "licence_state": "",
    }
    response = editor_client.post(url, data)
    assert response.json()["is_valid"], response.json()
    response = editor_client.get(url)
    assert response.status_code == 200
    html = soup(response)
    assert html.h1.get_text(strip=True) == "Jordan Price, LMFT"
    assert [s.get_text() for s in html.select(".approach-list__name")] == [
        "Family systems"
    ]
    assert html.select_one(".clinician-locations a").get_text() == "Charleston"
    assert html.select_one(".clinician__initials").get_text() == "JP"
