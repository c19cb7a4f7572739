"""Clinicians on the location page and the home page; unpublishing removes them."""

from demo.factories.staff import ClinicianLocationFactory
from tests.support.html import card_names


def test_location_page_lists_its_clinicians(client, maya, make_clinician, location):
    make_clinician(first_name="Elsewhere", last_name="Person")  # no location
    response = client.get(location.url)
    assert card_names(response) == ["Maya Okafor, LMSW"]


def test_home_page_shows_a_few_of_the_team(client, make_clinician):
    for n in range(6):
        make_clinician(first_name=f"Person{n}", last_name="Team", sort_order=n)
    response = client.get("/")
    names = card_names(response)
    assert names == [f"Person{n} Team, LPC" for n in range(4)]
    assert 'href="/team/"' in response.text


def test_unpublished_clinician_is_gone_everywhere(client, maya, location):
    assert "Maya Okafor" in client.get("/team/").text
    assert "Maya Okafor" in client.get(location.url).text
    assert "Maya Okafor" in client.get("/").text

    maya.unpublish()

    for url in ("/team/", "/team/role/clinical/", location.url, "/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "Maya Okafor" not in response.text, url


def test_a_clinician_is_listed_once_per_location(client, maya, location):
    ClinicianLocationFactory(clinician=maya, location=location)  # a duplicate row
    assert card_names(client.get(location.url)) == ["Maya Okafor, LMSW"]
