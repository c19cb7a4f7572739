"""Site search over articles, clinicians and general pages."""

import re
from math import ceil

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page as ResultsPage
from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, OuterRef, Window
from django.db.models.base import ModelState
from django.db.models.lookups import StartsWith
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageViewRestriction

from articles.models import ArticlePage
from lantana.core import site_cache
from lantana.core.models import StandardPage
from staff.models import ClinicianPage

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
SEARCHABLE_TYPES = (ArticlePage, ClinicianPage, StandardPage)
LABELS = {
    ArticlePage: _("Article"),
    ClinicianPage: _("Our team"),
    StandardPage: _("Page"),
}
# What a result shows, read with the search: {field: column of the search's query}.
SHOWN_FIELDS = {
    "id": "id",
    "url_path": "url_path",
    "title": "title",
    "search_description": "search_description",
}
SHOWN_OWN_FIELDS = {
    ArticlePage: {"summary": "articlepage__summary"},
    ClinicianPage: {
        "first_name": "clinicianpage__first_name",
        "last_name": "clinicianpage__last_name",
        "credentials": "clinicianpage__credentials",
        "short_bio": "clinicianpage__short_bio",
    },
    StandardPage: {"intro": "standardpage__intro"},
}
# A page number past this is past the end of any search here: answered as Django's
# Paginator answers one (the last page) without asking for a row at its offset.
LAST_PAGE_TRIED = 100_000


# Anything that is not a letter, digit or underscore, in any script.
NON_WORD = re.compile(r"\W+")


def clean_query(raw: str) -> str:
    """Printable text, whitespace collapsed, cut to a length the backend answers fast."""
    text = re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", raw[: MAX_QUERY_LENGTH * 4])
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def search_terms(query: str) -> str:
    """The words of a query, and nothing else, for the full-text backend.

    Wagtail's database backend hands each word to SQLite's FTS5 inside double quotes
    without escaping them, so a quote (or FTS5 syntax around it) is a syntax error:
    `"<>" AND \\` raised a 500. Both backends' tokenizers drop punctuation anyway, so
    only words reach them; AND, OR, NOT and NEAR are then searched as plain words.
    """
    return " ".join(NON_WORD.sub(" ", query).split())


def search(request):
    query = clean_query(request.GET.get("q", ""))
    results_page = None
    if query:
        results_page = get_results_page(search_terms(query), request.GET.get("page"))
    return TemplateResponse(
        request,
        "home/search_results.html",
        {"search_query": query, "results": results_page},
    )


def get_results_page(terms: str, number: str | None) -> ResultsPage:
    """The page `number` of the results for `terms`, as
    `Paginator(results, RESULTS_PER_PAGE).get_page(number)` finds it (the first
    for anything not a whole number, the last for one past the end), each result
    its specific page with the fields it shows and `search_label`.

    The rows come with their total (a window count: Paginator's own count was a
    second search) in one query, two or three for a number past the end."""
    paginator = Paginator((), RESULTS_PER_PAGE)
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1
    rows, total = [], 0
    if terms:
        found = search_rows(terms)
        if 1 <= number <= LAST_PAGE_TRIED:
            rows, total = read_results(found, number)
        if not rows and number != 1:
            rows, total = read_results(found, 1)
            number = max(1, ceil(total / RESULTS_PER_PAGE))
            if number > 1:
                rows, total = read_results(found, number)
    else:
        number = 1
    paginator.count = total
    return ResultsPage([result_page(row) for row in rows], number, paginator)


def search_rows(terms: str):
    """The live, public pages of SEARCHABLE_TYPES in the visitor's language (no
    alias: English words in the Spanish tree until an editor translates the page)
    matching `terms`, best first, as rows of the fields shown, each with the total.

    The database backends search a Django queryset (`get_queryset()`, the query
    their results run): the filters the backend cannot check are added to it."""
    pages = (
        Page.objects.live()
        .type(*SEARCHABLE_TYPES)
        .filter(locale=site_cache.active_locale())
    )
    columns = list(SHOWN_FIELDS.values())
    for own in SHOWN_OWN_FIELDS.values():
        columns += own.values()
    return (
        pages.search(terms)
        .get_queryset()
        .filter(alias_of__isnull=True)
        .exclude(under_restriction())
        .annotate(total=Window(Count("*")))
        .values_list("content_type_id", *columns, "total")
    )


def under_restriction() -> Exists:
    """Whether a page is private: it or a page above it has a view restriction
    (Wagtail's `PageQuerySet.public()`, without reading the restrictions first)."""
    return Exists(
        PageViewRestriction.objects.filter(
            StartsWith(OuterRef("path"), F("page__path"))
        )
    )


def read_results(found, number: int) -> tuple[list, int]:
    """The rows of page `number` and the total (0 when there is no row)."""
    start = (number - 1) * RESULTS_PER_PAGE
    rows = list(found[start : start + RESULTS_PER_PAGE])
    return rows, (rows[0][-1] if rows else 0)


def result_page(row: tuple) -> Page:
    """The specific page of a result row, with the fields it shows (as `.only()`
    would read them) and its `search_label`."""
    model = ContentType.objects.get_for_id(row[0]).model_class()
    values = iter(row[1:])
    fields = dict(zip(SHOWN_FIELDS, values, strict=False))
    for kind, own in SHOWN_OWN_FIELDS.items():
        kind_values = dict(zip(own, values, strict=False))
        if issubclass(model, kind):
            fields.update(kind_values)
    page = model.__new__(model)
    page.__dict__.update(fields)
    page.__dict__[model._meta.pk.attname] = fields["id"]
    page._state = ModelState()
    page._state.adding, page._state.db = False, Page.objects.db
    page.search_label = LABELS.get(model, _("Page"))
    return page
