"""Each page runs the same number of queries for 1 or 20 clinicians, approaches, places."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.factories.locations import LocationPageFactory
from demo.factories.staff import ClinicianLocationFactory, TherapeuticApproachFactory
from tests.support.html import soup

MANY = 20


def count_queries(client, url) -> int:
    assert client.get(url).status_code == 200  # warm renditions and caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/team/", "/team/role/clinical/", "/"])
def test_team_listings(client, make_clinician, django_assert_num_queries, url):
    make_clinician(photo=True)
    one = count_queries(client, url)
    for _ in range(MANY - 1):
        make_clinician(photo=True)
    client.get(url)  # warm the new renditions
    with django_assert_num_queries(one):
        client.get(url)


def test_location_page(client, make_clinician, location, django_assert_num_queries):
    make_clinician(photo=True, locations=[location])
    one = count_queries(client, location.url)
    for _ in range(MANY - 1):
        make_clinician(photo=True, locations=[location])
    client.get(location.url)
    with django_assert_num_queries(one):
        client.get(location.url)


def test_profile(
    client, make_clinician, location, location_index, django_assert_num_queries
):
    clinician = make_clinician(
        photo=True,
        credentials="LPC, LAC",
        licence_number="DEMO-1",
        licence_state="SC",
        approaches=[TherapeuticApproachFactory()],
        locations=[location],
    )
    one = count_queries(client, clinician.url)

    clinician.approaches.set([TherapeuticApproachFactory() for _ in range(MANY)])
    clinician.save()
    for n in range(MANY - 1):
        place = LocationPageFactory(parent=location_index, title=f"Place {n}")
        ClinicianLocationFactory(clinician=clinician, location=place)
    html = soup(client.get(clinician.url))
    assert len(html.select(".approach-list__name")) == MANY
    assert len(html.select(".clinician-locations li")) == MANY
    with django_assert_num_queries(one):
        client.get(clinician.url)
