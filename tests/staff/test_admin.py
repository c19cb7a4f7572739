"""Editors can add, edit and preview clinicians in the Wagtail admin."""

from django.contrib.auth import get_user_model

from demo.factories.staff import TherapeuticApproachFactory
from tests.support.auth import sign_in
from tests.support.html import soup


def test_add_form_offers_the_vocabulary_as_checkboxes(admin_client, team_index):
    TherapeuticApproachFactory(name="Motivational Interviewing")
    response = admin_client.get(
        f"/admin/pages/add/staff/clinicianpage/{team_index.pk}/"
    )
    assert response.status_code == 200
    boxes = soup(response).select('input[type="checkbox"][name="approaches"]')
    assert len(boxes) == 1


def test_edit_form(admin_client, maya):
    assert admin_client.get(f"/admin/pages/{maya.pk}/edit/").status_code == 200


def test_preview_a_new_clinician(admin_client, team_index, location):
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
    response = admin_client.post(url, data)
    assert response.json()["is_valid"], response.json()
    response = admin_client.get(url)
    assert response.status_code == 200
    html = soup(response)
    assert html.h1.get_text(strip=True) == "Jordan Price, LMFT"
    assert [s.get_text() for s in html.select(".approach-list__name")] == [
        "Family systems"
    ]
    assert html.select_one(".clinician-locations a").get_text() == "Charleston"
    assert html.select_one(".clinician__initials").get_text() == "JP"


def edit_data(client, page) -> dict:
    """What the edit form would post back unchanged."""
    from wagtail.test.utils.form_data import querydict_from_html

    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    return querydict_from_html(html, form_id="page-edit-form")


def test_an_account_manager_links_a_profile_to_a_sign_in(admin_client, maya):
    account = get_user_model().objects.create_user("mokafor", password="pw")
    data = edit_data(admin_client, maya)
    data["user"] = str(account.pk)
    response = admin_client.post(f"/admin/pages/{maya.pk}/edit/", data)
    assert response.status_code == 302
    maya.refresh_from_db()
    assert maya.get_latest_revision().as_object().user == account


def test_one_profile_per_sign_in(admin_client, maya, make_clinician):
    account = get_user_model().objects.create_user("mokafor", password="pw")
    make_clinician(first_name="Other", last_name="Person", slug="other", user=account)
    data = edit_data(admin_client, maya)
    data["user"] = str(account.pk)
    response = admin_client.post(f"/admin/pages/{maya.pk}/edit/", data)
    assert response.status_code == 200  # the form again, with the error
    assert "already exists" in response.content.decode()
    maya.refresh_from_db()
    assert maya.user is None


def test_an_editor_who_cannot_manage_accounts_does_not_see_the_link(client, maya):
    from django.contrib.auth.models import Group

    editor = get_user_model().objects.create_user("writer", password="pw")
    editor.groups.add(Group.objects.get(name="Editors"))  # Wagtail's own group
    sign_in(client, editor)
    response = client.get(f"/admin/pages/{maya.pk}/edit/")
    assert response.status_code == 200
    assert not soup(response).select('[name="user"]')


def test_a_copied_profile_starts_without_the_sign_in(maya):
    account = get_user_model().objects.create_user("mokafor", password="pw")
    maya.user = account
    maya.save()
    copy = maya.copy(update_attrs={"slug": "maya-copy", "title": "Copy"})
    assert copy.user is None
