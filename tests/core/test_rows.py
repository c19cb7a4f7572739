"""`lantana.core.rows.read` makes the instances the ORM would: same values and
types (dates, times, JSON, booleans on SQLite too), the rest deferred."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.factories.locations import CredentialFactory, LocationOperatingHoursFactory
from demo.factories.staff import ClinicianPageFactory
from lantana.core.rows import read
from locations.models import Credential, LocationOperatingHours
from staff.models import ClinicianPage


def test_values_and_types_as_the_orm_reads_them(location):
    CredentialFactory(levels_of_care=["outpatient"], covers=[location])
    LocationOperatingHoursFactory(location=location, opens=datetime.time(7, 30))
    for model in (Credential, LocationOperatingHours):
        table = model._meta.db_table
        made = read(model, f"SELECT * FROM {table} ORDER BY id", [])  # noqa: S608
        expected = list(model.objects.order_by("id"))
        assert made == expected
        for mine, theirs in zip(made, expected, strict=True):
            for field in model._meta.concrete_fields:
                value = getattr(mine, field.attname)
                assert value == getattr(theirs, field.attname), field.name
                assert type(value) is type(getattr(theirs, field.attname))


def test_what_is_not_read_is_deferred_and_extra_columns_are_kept(team_index):
    maya = ClinicianPageFactory(parent=team_index, first_name="Maya")
    table = ClinicianPage._meta.db_table
    sql = f"SELECT page_ptr_id, first_name, 7 AS extra FROM {table}"  # noqa: S608
    (person,) = read(ClinicianPage, sql, [])
    assert (person.pk, person.first_name, person.extra) == (maya.pk, "Maya", 7)
    assert "last_name" in person.get_deferred_fields()
    with CaptureQueriesContext(connection) as queries:
        assert person.last_name == maya.last_name
    assert len(queries) == 1
