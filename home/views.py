"""Site search over articles, clinicians and general pages."""

import re
from math import ceil

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page as ResultsPage
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Count, Q, Window
from django.db.models.base import ModelState
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

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
# What a result shows: the page's fields, read with the search, and its type's own.
SHOWN_FIELDS = ("id", "url_path", "title", "search_description")
SHOWN_OWN_FIELDS = {
    ArticlePage: ("summary",),
    ClinicianPage: ("first_name", "last_name", "credentials", "short_bio"),
    StandardPage: ("intro",),
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
    second search); a number past the end takes one or two searches more."""
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
    return ResultsPage(result_pages(rows), number, paginator)


def search_rows(terms: str):
    """The live, public pages of SEARCHABLE_TYPES in the visitor's language (no
    alias: English words in the Spanish tree until an editor translates the page)
    matching `terms`, best first, as rows of their type and SHOWN_FIELDS, each
    with the total.

    The database backends search a Django queryset (`get_queryset()`, the query
    their results run): the filters the backend cannot check are added to it."""
    pages = (
        Page.objects.live()
        .type(*SEARCHABLE_TYPES)
        .filter(locale=site_cache.active_locale())
    )
    found = pages.search(terms).get_queryset().filter(alias_of__isnull=True)
    private = Q()
    for path in restricted_paths():
        private |= Q(path__startswith=path)
    if private:
        found = found.exclude(private)
    return found.annotate(total=Window(Count("*"))).values_list(
        "content_type_id", *SHOWN_FIELDS, "total"
    )


# Wagtail's PageQuerySet.public() reads the restrictions with their pages through
# the ORM (6 % of the results page's time); asking inside the search whether a
# restriction sits above each page (NOT EXISTS … LIKE) made PostgreSQL take twice
# as long to plan it.
RESTRICTED_PATHS_SQL = (
    'SELECT p."path" FROM "wagtailcore_pageviewrestriction" r'
    ' INNER JOIN "wagtailcore_page" p ON p."id" = r."page_id"'
)


def restricted_paths() -> list[str]:
    """The tree paths of the pages with a view restriction: they and every page
    below them are private."""
    with connections[Page.objects.db].cursor() as cursor:
        cursor.execute(RESTRICTED_PATHS_SQL)
        return [path for (path,) in cursor.fetchall()]


def read_results(found, number: int) -> tuple[list, int]:
    """The rows of page `number` and the total (0 when there is no row)."""
    start = (number - 1) * RESULTS_PER_PAGE
    rows = list(found[start : start + RESULTS_PER_PAGE])
    return rows, (rows[0][-1] if rows else 0)


def result_pages(rows: list[tuple]) -> list[Page]:
    """The specific pages of result rows, with the fields they show (as `.only()`
    would read them) and their `search_label`."""
    if not rows:
        return []
    own_rows = read_own_fields([row[1] for row in rows])
    pages = []
    for content_type_id, *shown, _total in rows:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = model.__new__(model)
        page.__dict__.update(zip(SHOWN_FIELDS, shown, strict=True))
        page.__dict__[model._meta.pk.attname] = page.id
        for kind, names in SHOWN_OWN_FIELDS.items():
            if issubclass(model, kind):
                own = own_rows.get(page.id, [None] * len(names))
                page.__dict__.update(zip(names, own, strict=False))
        page._state = ModelState()
        page._state.adding, page._state.db = False, Page.objects.db
        page.search_label = LABELS.get(model, _("Page"))
        pages.append(page)
    return pages


def read_own_fields(ids: list[int]) -> dict[int, tuple]:
    """{page id: the values of its type's SHOWN_OWN_FIELDS} for the pages `ids`, in
    one query (one SELECT a type, each row padded to the widest with NULL): joined
    into the search, the three tables made PostgreSQL plan it twice as long."""
    width = max(len(names) for names in SHOWN_OWN_FIELDS.values())
    marks = ", ".join(["%s"] * len(ids))
    selects = []
    for model, names in SHOWN_OWN_FIELDS.items():
        columns = [f'"{model._meta.get_field(name).column}"' for name in names]
        columns += ["NULL"] * (width - len(names))
        table, pk = model._meta.db_table, model._meta.pk.column
        # Names from the models, the ids as parameters.
        selects.append(
            f'SELECT "{pk}", {", ".join(columns)} FROM "{table}"'  # noqa: S608
            f' WHERE "{pk}" IN ({marks})'
        )
    with connections[Page.objects.db].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), ids * len(selects))
        return {pk: values for pk, *values in cursor.fetchall()}
