"""The rows a location page shows, each read by plain SQL written once.

Built by the ORM, each of these queries cost more Python than the rest of its part
of the page (0.6 ms for the opening hours, 2.4 ms for the clinicians, whose pages
carry thirty columns a card never reads); their shapes never change, so they are
written out here in SQL that PostgreSQL and SQLite both read, and the instances made
by `lantana.core.rows.read` (the fields' own converters, no Model.__init__). Only
table and column names from the models are formatted in.

A preview's opening hours, photos and insurers are the editor's unsaved rows, held
in memory by the page (modelcluster): those are used as they are.
"""

import functools

from django.db import models
from wagtail.models import Page

from lantana.core import rows as plain
from staff.models import ClinicianLocation, ClinicianPage

# What a clinician card reads (lantana.core.templatetags.card_tags): its URL (from
# url_path), alias_of_id (lang_of), name, credentials, job title, bio and photo.
CARD_PAGE_COLUMNS = ("id", "url_path", "title", "alias_of_id")
CARD_CLINICIAN_COLUMNS = (
    "page_ptr_id",
    "first_name",
    "last_name",
    "credentials",
    "job_title",
    "role",
    "photo_id",
    "short_bio",
)


def _children(location, relation: str, columns: str) -> list:
    """The rows of a child relation (`hours`, `photos`) in the editor's order."""
    rows = getattr(location, relation).all()
    if not isinstance(rows, models.QuerySet):  # a preview's unsaved rows
        return list(rows)
    return plain.read(rows.model, _children_sql(rows.model, columns), [location.pk])


@functools.cache
def _children_sql(model, columns: str) -> str:
    table = model._meta.db_table
    # Names from the models' _meta; values are parameters.
    return (
        f"SELECT id, {columns} FROM {table} WHERE location_id = %s ORDER BY sort_order"  # noqa: S608, E501
    )


def get_hours(location) -> list:
    return _children(location, "hours", "day, opens, closes, closed")


def get_photos(location) -> list:
    return _children(location, "photos", "image_id, caption")


def get_insurers(location) -> list:
    """The insurers the location accepts, in the insurers' order: id and name."""
    insurers = location.insurers_accepted.all()
    if not isinstance(insurers, models.QuerySet):  # a preview's unsaved choice
        return list(insurers)
    field = location._meta.get_field("insurers_accepted")
    return plain.read(insurers.model, _insurers_sql(field), [location.pk])


@functools.cache
def _insurers_sql(field) -> str:
    insurer = field.related_model._meta.db_table
    through = field.remote_field.through._meta.db_table
    insurer_id, location_id = field.m2m_reverse_name(), field.m2m_column_name()
    return f"""
        SELECT i.id, i.name FROM {insurer} i JOIN {through} x ON x.{insurer_id} = i.id
        WHERE x.{location_id} = %s ORDER BY i.sort_order, i.name
    """  # noqa: S608 (names from the models' _meta; values are parameters)


def get_clinicians(location) -> list[ClinicianPage]:
    """The live clinicians who practise at the location, in its language, in the
    team page's order, with only the columns their cards read.

    A clinician's links to locations are copied with its translation, so a
    Spanish profile links to the English location it was translated from: the
    clinicians shown are those of the location's language whose version in any
    language links to the location in any language (each person once)."""
    params = [
        location.locale_id,
        plain.db_value(Page, "translation_key", location.translation_key),
    ]
    return plain.read(ClinicianPage, _clinicians_sql(), params)


@functools.cache
def _clinicians_sql() -> str:
    page, clinician = Page._meta.db_table, ClinicianPage._meta.db_table
    links = ClinicianLocation._meta.db_table
    columns = ", ".join(
        [f"p.{name}" for name in CARD_PAGE_COLUMNS]
        + [f"c.{name}" for name in CARD_CLINICIAN_COLUMNS]
    )
    return f"""
        SELECT {columns} FROM {clinician} c JOIN {page} p ON p.id = c.page_ptr_id
        WHERE p.live
            AND p.locale_id = %s
            AND p.translation_key IN (
                SELECT cp.translation_key FROM {links} l
                JOIN {page} cp ON cp.id = l.clinician_id
                JOIN {page} lp ON lp.id = l.location_id
                WHERE lp.translation_key = %s
            )
        ORDER BY c.sort_order, c.last_name
    """  # noqa: S608 (names from the models' _meta; values are parameters)
