"""The list of search results, printed in Python.

`{% search_result_list %}` prints exactly what home/includes/search_result_list.html
draws (tests/home/test_search_result_list.py compares them): the include's loop,
with a page URL tag and four attribute lookups each result, several of which fail
on purpose (a clinician has no summary) and make Django's template engine list the
page's attributes to tell a failed lookup from a broken property, was a third of
the results page's drawing.
"""

from django import template
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe

register = template.Library()

SNIPPET_FIELDS = ("summary", "short_bio", "intro", "search_description")


@register.simple_tag
def search_result_list(results, request=None):
    """`{% include "home/includes/search_result_list.html" with results=… %}`,
    printed in Python."""
    items = []
    for result in results:
        heading = getattr(result, "name_with_credentials", "") or result.title
        snippet = ""
        for name in SNIPPET_FIELDS:
            value = getattr(result, name, "")
            if value:
                snippet = f'<p class="search-result__text">{escape(value)}</p>'
                break
        items.append(
            '\n        <li class="search-result">\n'
            f'            <p class="search-result__type">{escape(result.search_label)}</p>\n'
            '            <h2 class="search-result__title">'
            f'<a href="{escape(result.get_url(request=request))}">{escape(heading)}</a>'
            "</h2>\n"
            "            \n"
            f"            {snippet}\n"
            "        </li>\n        "
        )
    html = f'<ol class="search-results">\n        {"".join(items)}\n    </ol>'
    return mark_safe(html)  # noqa: S308 — every value above is escaped
