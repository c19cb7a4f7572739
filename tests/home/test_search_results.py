"""A page of search results: the page Django's Paginator would give for any page
number, with private pages left out, in three queries."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from demo.factories.core import StandardPageFactory
from home.views import RESULTS_PER_PAGE, SEARCHABLE_TYPES, get_results_page
from lantana.core import site_cache

pytestmark = pytest.mark.django_db

PAGE_NUMBERS = [None, "", "1", "2", "3", "4", "0", "-1", "x", "2.0", " 2 ", "99"]
PAGE_NUMBERS += ["9" * 30]


def paginated_as_wagtail_would(terms: str, number):
    """What the view did before reading the total with the rows: Wagtail's
    search, then Paginator.get_page."""
    pages = (
        Page.objects.live()
        .public()
        .type(*SEARCHABLE_TYPES)
        .filter(locale=site_cache.active_locale())
        .exclude(id__in=Page.objects.filter(alias_of__isnull=False).values("id"))
    )
    return Paginator(pages.search(terms), RESULTS_PER_PAGE).get_page(number)


def shown(results_page) -> tuple:
    return (
        results_page.number,
        results_page.paginator.count,
        results_page.paginator.num_pages,
        [page.pk for page in results_page.object_list],
    )


@pytest.mark.parametrize("how_many", [0, 1, 10, 11, 21])
def test_every_page_number_finds_the_page_the_paginator_would(make_article, how_many):
    for n in range(how_many):
        make_article(title=f"Family guide {n}", summary="About family life.")
    for number in PAGE_NUMBERS:
        expected = paginated_as_wagtail_would("family", number)
        assert shown(get_results_page("family", number)) == shown(expected), number


def test_a_page_of_results_is_three_queries(make_article):
    for n in range(12):
        make_article(title=f"Family guide {n}", summary="About family life.")
    get_results_page("family", None)  # Django's content types, read once a process
    for number in ("1", "2"):
        with CaptureQueriesContext(connection) as queries:
            get_results_page("family", number)
        # The restrictions, the search with its total, the types' own fields.
        assert len(queries) == 3, [q["sql"][:150] for q in queries.captured_queries]


def test_private_pages_and_what_is_below_them_are_not_found(home, make_article):
    public = StandardPageFactory(parent=home, title="Family open day")
    private = StandardPageFactory(parent=home, title="Family staff room")
    below = StandardPageFactory(parent=private, title="Family rota")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    found = get_results_page("family", None)
    assert [page.pk for page in found.object_list] == [public.pk]
    assert found.paginator.count == 1
    assert below.get_parent().pk == private.pk


def test_no_words_finds_nothing_without_a_query(home):
    with CaptureQueriesContext(connection) as queries:
        found = get_results_page("", "3")
    assert len(queries) == 0
    assert shown(found) == (1, 0, 1, [])
