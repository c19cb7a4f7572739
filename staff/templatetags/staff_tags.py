"""`{% profile_articles %}`: a profile's list of articles, printed in Python.

Through `{% include "staff/includes/article_list.html" %}` the two lists of a
profile cost about a tenth of a cold render (an included template's context, its
nodes, a page URL, dates and translations per article). This prints the same bytes
as the template, which stays as the reference (tests/staff/test_profile_articles.py
compares the two in English and Spanish). Links are built with the request, as
everywhere else on the page (the include had none, so Wagtail read the site root
paths from the cache once per link); on a site that is not the only one, a link
to a page on the same site is relative rather than absolute.
"""

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext

from lantana.core.templatetags.core_tags import lang_of

register = template.Library()


def _article(article, request, date_format: str) -> str:
    published = article.publication_date
    time = ""
    if published:
        time = (
            '<time class="clinician-articles__date" '
            f'datetime="{escape(date_filter(published, "Y-m-d"))}">'
            f"{escape(date_filter(published, date_format))}</time>"
        )
    return (
        "\n    \n    <li>\n"
        '        <a class="clinician-articles__title" '
        f'href="{escape(article.get_url(request=request))}"{lang_of(article)}>'
        f"{escape(article.title)}</a>\n"
        f"        {time}\n    </li>\n    \n    "
    )


@register.simple_tag(takes_context=True)
def profile_articles(context, articles):
    """`staff/includes/article_list.html` for these articles."""
    request = context.get("request")
    date_format = pgettext("date format", "F j, Y")
    items = "".join(_article(article, request, date_format) for article in articles)
    return mark_safe(  # noqa: S308 — every value is escaped
        f'\n<ul class="clinician-articles">\n    {items}\n</ul>\n'
    )
