"""lantana.core.rows: `read` makes the instances the ORM would (same values and
types: dates, times, JSON, booleans on SQLite too; the rest deferred), and `Rows`
reads the ORM's own instances with SQL written once."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from demo.factories.core import ImageFactory, StandardPageFactory
from demo.factories.locations import CredentialFactory, LocationOperatingHoursFactory
from demo.factories.staff import ClinicianPageFactory
from lantana.core.models import StandardPage
from lantana.core.rows import Rows, read
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


def field_values(instance):
    return [getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields]


def test_rows_are_the_orms_instances_field_for_field(home):
    page = StandardPageFactory(parent=home, title="About", slug="about")
    page.save_revision().publish()  # dates, a revision: converters have work to do
    rows = Rows(StandardPage)
    (read,) = rows.read(f"{rows.column('page_ptr')} = %s", [page.pk])
    orm = StandardPage.objects.get(pk=page.pk)
    assert type(read) is StandardPage
    assert field_values(read) == field_values(orm)
    assert read.body == orm.body
    assert read.first_published_at.tzinfo is not None
    assert not read._state.adding
    assert read._state.db == "default"


def test_extra_columns_are_attributes_and_order_is_kept(home):
    StandardPageFactory(parent=home, title="B", slug="b")
    StandardPageFactory(parent=home, title="A", slug="a")
    rows = Rows(Page, extra={"shouted": 'UPPER("wagtailcore_page"."title")'})
    read = rows.read(
        f"{rows.column('depth')} = %s", [home.depth + 1], order_by=rows.column("title")
    )
    assert [(page.title, page.shouted) for page in read] == [("A", "A"), ("B", "B")]


def test_no_match_is_an_empty_list(db):
    image = ImageFactory()
    rows = Rows(type(image))
    assert rows.read(f"{rows.column('id')} = %s", [image.pk + 1]) == []
    assert rows.read(f"{rows.column('id')} = %s", [image.pk])[0].file == image.file


@pytest.mark.parametrize("model", [Page, StandardPage])
def test_the_select_is_written_once_per_database(model, db):
    rows = Rows(model)
    rows.read("1 = 0")
    built = rows._built["default"]
    rows.read("1 = 0")
    assert rows._built["default"] is built


def test_a_deferred_field_is_read_when_asked_as_the_orm_does(home):
    page = StandardPageFactory(parent=home, title="About", slug="about")
    rows = Rows(StandardPage, defer=["body"])
    (read,) = rows.read(f"{rows.column('page_ptr')} = %s", [page.pk])
    assert read.get_deferred_fields() == {"body"}
    assert read.title == "About"
    assert read.body == page.body


def test_only_constructors_that_add_nothing_to_a_saved_row_are_skipped(db):
    # A page's constructors (modelcluster's, Wagtail's page mixins) add nothing.
    assert Rows(StandardPage)._made_directly
    # An image's sets attributes of its own: it is built by from_db, as the ORM does.
    image = ImageFactory()
    rows = Rows(type(image))
    assert not rows._made_directly
    (read,) = rows.read(f"{rows.column('id')} = %s", [image.pk])
    assert read.decorative is False
    assert read.contextual_alt_text is None
