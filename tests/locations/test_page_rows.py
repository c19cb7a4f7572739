"""What a location page reads with SQL written once (lantana.core.rows) is what the
ORM and modelcluster give: the same rows, order and back-references."""

import datetime

from demo.factories.locations import LocationOperatingHoursFactory
from demo.factories.staff import ClinicianLocationFactory, ClinicianPageFactory
from lantana.core.rows import child_rows
from locations.models import LocationPage
from staff.models import ClinicianPage


def test_hours_are_the_related_managers_in_the_editors_order(location):
    LocationOperatingHoursFactory(location=location, day="TUE")
    page = LocationPage.objects.get(pk=location.pk)
    read = child_rows(page, "hours")
    assert [(h.pk, h.day) for h in read] == [(h.pk, h.day) for h in page.hours.all()]
    assert len(read) == 3
    assert all(hour.location is page for hour in read)


def test_a_preview_shows_the_editors_unsaved_hours(location):
    page = LocationPage.objects.get(pk=location.pk)
    page.hours = [*page.hours.all()[:1]]
    page.hours.add(page.hours.model(day="WED", opens=datetime.time(9), closes=None))
    assert [hour.day for hour in child_rows(page, "hours")] == ["MON", "WED"]


def test_clinicians_are_the_live_ones_linked_in_the_teams_order(location, team_index):
    def clinician(last_name, sort_order, live=True):
        person = ClinicianPageFactory(
            parent=team_index, last_name=last_name, sort_order=sort_order, live=live
        )
        ClinicianLocationFactory(clinician=person, location=location)
        return person

    clinician("Young", 1)
    clinician("Adams", 2)
    twice = clinician("Baker", 1)
    ClinicianLocationFactory(clinician=twice, location=location)
    clinician("Hidden", 0, live=False)
    ClinicianPageFactory(parent=team_index, last_name="Elsewhere")
    page = LocationPage.objects.get(pk=location.pk)
    read = page.get_clinicians()
    assert [p.last_name for p in read] == ["Baker", "Young", "Adams"]
    assert read == list(
        ClinicianPage.objects.live()
        .filter(locations__location=page)
        .order_by("sort_order", "last_name")
        .distinct()
    )
