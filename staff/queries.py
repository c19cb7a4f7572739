"""The rows a clinician's profile shows, each read by plain SQL written once.

Built by the ORM, the profile's article lists (the articles a clinician wrote, those
they reviewed, and the index listing them: three queries) and their locations cost
a quarter of a cold profile in Python; their shapes never change, so they are
written out here in SQL that PostgreSQL and SQLite both read, with only the
columns the page reads. Only table and column names from the models are formatted
in; the models come from the relations (staff never imports the apps above it).
"""

import functools

from django.db import models
from wagtail.models import Page, PageViewRestriction

from lantana.core import rows as plain

# What a profile's article list reads: the URL (url_path), alias_of_id (lang_of),
# title and date; path and first_published_at for the index and the order.
ARTICLE_PAGE_COLUMNS = ("id", "path", "url_path", "title", "alias_of_id")
LISTS = ("articles_authored", "articles_reviewed")


def get_articles(clinician, limit: int) -> tuple[list, list, Page | None]:
    """The live public articles `clinician` wrote and reviewed (up to `limit` each,
    newest first), and the live page the first of them is listed under."""
    model = clinician._meta.get_field(LISTS[0]).related_model
    params = [Page.steplen, clinician.pk, limit] * len(LISTS)
    rows = plain.read(model, _articles_sql(clinician._meta), params)
    written = [row for row in rows if row.listed == 0]
    reviewed = [row for row in rows if row.listed == 1]
    first = (written + reviewed)[:1]
    index = None
    if first and first[0].index_id is not None:
        names = ["id", "url_path"]
        index = Page.from_db(None, names, [first[0].index_id, first[0].index_url_path])
    return written, reviewed, index


@functools.cache
def _articles_sql(clinician_meta) -> str:
    """Each list a subquery (its own order and limit), then both in one answer:
    `listed` 0 for the articles written, 1 for those reviewed. Parameters per
    list: the tree's step length, the clinician's id, the number of rows."""
    page, restriction = Page._meta.db_table, PageViewRestriction._meta.db_table
    columns = ", ".join(f"p.{name}" for name in ARTICLE_PAGE_COLUMNS)
    branches = []
    for listed, name in enumerate(LISTS):
        relation = clinician_meta.get_field(name)
        article = relation.related_model._meta
        branches.append(f"""
            SELECT * FROM (
                SELECT {listed} AS listed, {columns}, p.first_published_at,
                    a.{article.pk.column}, a.publication_date,
                    ix.id AS index_id, ix.url_path AS index_url_path
                FROM {article.db_table} a JOIN {page} p ON p.id = a.{article.pk.column}
                LEFT JOIN {page} ix
                    ON ix.path = substr(p.path, 1, length(p.path) - %s) AND ix.live
                WHERE a.{relation.field.column} = %s AND p.live AND NOT EXISTS (
                    SELECT 1 FROM {restriction} r JOIN {page} rp ON rp.id = r.page_id
                    WHERE substr(p.path, 1, length(rp.path)) = rp.path
                )
                ORDER BY a.publication_date DESC, p.first_published_at DESC, p.id DESC
                LIMIT %s
            ) list{listed}""")  # noqa: S608 (names from the models' _meta)
    union = " UNION ALL ".join(branches)
    return f"""
        {union}
        ORDER BY listed, publication_date DESC, first_published_at DESC, id DESC
    """


def get_locations(clinician) -> list:
    """The live locations `clinician` practises at, in the editor's order, each in
    the clinician's language when it has a live version in it (a translated
    profile's links still name the location it was translated from), with what
    the profile shows of them (title, URL, address)."""
    links = clinician.locations.all()
    if not isinstance(links, models.QuerySet):  # a preview's unsaved rows
        places = [link.location for link in links]
    else:
        model = links.model._meta.get_field("location").related_model
        places = plain.read(model, _locations_sql(links.model), [clinician.pk])
    seen, locations = set(), []
    for place in places:
        if place.live and place.pk not in seen:
            seen.add(place.pk)
            locations.append(place)
    return locations


@functools.cache
def _locations_sql(link_model) -> str:
    location = link_model._meta.get_field("location").related_model._meta
    page, links = Page._meta.db_table, link_model._meta.db_table
    return f"""
        SELECT p.id, p.url_path, p.title, p.live, l.{location.pk.column},
            l.street_address, l.city, l.state, l.postal_code
        FROM {links} cl JOIN {page} linked ON linked.id = cl.location_id
        LEFT JOIN {page} mine ON mine.translation_key = linked.translation_key
            AND mine.live AND mine.locale_id = (
                SELECT me.locale_id FROM {page} me WHERE me.id = cl.clinician_id
            )
        JOIN {page} p ON p.id = COALESCE(mine.id, linked.id)
        JOIN {location.db_table} l ON l.{location.pk.column} = p.id
        WHERE cl.clinician_id = %s
        ORDER BY cl.sort_order
    """  # noqa: S608 (names from the models' _meta; values are parameters)
