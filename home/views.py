"""Site search over articles, clinicians and general pages."""

import re

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from articles.models import ArticlePage
from lantana.core import site_cache
from lantana.core.models import StandardPage
from lantana.core.routing import read_specific_in_bulk
from staff.models import ClinicianPage

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
SEARCHABLE_TYPES = (ArticlePage, ClinicianPage, StandardPage)
LABELS = {
    ArticlePage: _("Article"),
    ClinicianPage: _("Our team"),
    StandardPage: _("Page"),
}


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
        # The visitor's language only, and no alias (English words in the Spanish
        # tree until an editor translates the page).
        pages = (
            Page.objects.live()
            .public()
            .type(*SEARCHABLE_TYPES)
            .filter(locale=site_cache.active_locale())
            .exclude(id__in=Page.objects.filter(alias_of__isnull=False).values("id"))
        )
        terms = search_terms(query)
        results = pages.search(terms) if terms else pages.none()
        results_page = Paginator(results, RESULTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        results_page.object_list = specific_in_order(results_page.object_list)
    return TemplateResponse(
        request,
        "home/search_results.html",
        {"search_query": query, "results": results_page},
    )


def specific_in_order(pages) -> list[Page]:
    """The specific pages for a page of results, one query per page type (SQL
    written once: lantana.core.routing.read_specific_in_bulk)."""
    pages = list(pages)
    specific = read_specific_in_bulk(pages)
    found = [specific[page.pk] for page in pages if page.pk in specific]
    for page in found:
        page.search_label = LABELS.get(type(page), _("Page"))
    return found
