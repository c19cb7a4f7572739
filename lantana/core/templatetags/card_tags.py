"""`{% article_card %}` and `{% clinician_card %}`: the two cards every listing
shows, printed in Python.

Through `{% include %}`, a card cost about a millisecond: an included template's
context, its nodes, a picture, a page URL, dates and translations, for each of the
nine cards of an article listing (a fifth of the page) or the fourteen clinicians
of a location. These print the same bytes as `components/article_card.html` and
`components/clinician_card.html`, which stay as the reference
(tests/core/test_card_tags.py compares the two for every shape of card, in English
and Spanish). The pictures go through the very `{% picture %}` node the templates
use (filters parsed once), so renditions are found as before.
"""

import re
from functools import cache

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils import translation
from django.utils.formats import localize
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, pgettext
from wagtail.images import get_image_model

from ..chrome import _e
from .core_tags import lang_of, topic_lang_of
from .picture_tags import picture_specs, printed_picture

register = template.Library()

ARTICLE_PICTURE = (
    "format-{avif,webp,jpeg} fill-{400x225,800x450} "
    'sizes="(min-width: 64rem) 22rem, (min-width: 40rem) 45vw, 100vw" '
    'loading="lazy" alt="" class="article-card__image"'
)
CLINICIAN_PICTURE = (
    "format-{avif,webp,jpeg} fill-{160x160,320x320,480x480} "
    'sizes="7rem" loading="lazy" class="clinician-card__photo" alt=""'
)


def card_renditions(kind: str):
    """Only the renditions a card's picture uses ("article" or "clinician"), for a
    listing's `Prefetch`: an image has a dozen (the hero's sizes, the share
    image…), and a card shows six or nine. A rendition missing here is made or
    read by Wagtail as before."""
    return (
        get_image_model()
        .get_rendition_model()
        .objects.filter(filter_spec__in=card_rendition_specs(kind))
    )


@cache
def card_rendition_specs(kind: str) -> list[str]:
    """The filter specs of the renditions a card's picture uses ("article" or
    "clinician")."""
    arguments = {"article": ARTICLE_PICTURE, "clinician": CLINICIAN_PICTURE}[kind]
    return list(picture_specs(arguments))


def _picture(image, arguments: str) -> str:
    # Every attribute is a literal in the tag: resolving needs no context.
    return printed_picture(image, arguments)


def _heading(level, css_class: str, inner: str) -> str:
    tag = "h2" if level == 2 else "h3"
    return f'<{tag} class="{css_class}">{inner}</{tag}>'


@register.simple_tag
def article_card(article, heading_level=None, request=None):
    """`{% include "components/article_card.html" with article=… heading_level=…
    request=request only %}`, printed in Python."""
    image = ""
    if article.hero_image:
        image = _picture(article.hero_image, ARTICLE_PICTURE)
    topic = ""
    if article.topic_name:
        topic = (
            f'<p class="article-card__topic"{topic_lang_of(article)}>'
            f"{escape(article.topic_name)}</p>"
        )
    words = lang_of(article)  # ' lang="en"' on an untranslated alias under /es/
    link = (
        f'<a href="{escape(article.get_url(request=request))}"{words}>'
        f"{escape(article.title)}</a>"
    )
    date_format = pgettext("date format", "F j, Y")
    published = article.publication_date
    minutes = escape(localize(article.reading_time))
    html = (
        '\n<article class="article-card">\n'
        f"    {image}\n"
        '    <div class="article-card__body">\n'
        f"        {topic}\n"
        f"        {_heading(heading_level, 'article-card__title', link)}\n"
        f'        <p class="article-card__summary"{words}>{escape(article.summary)}</p>\n'
        '        <p class="article-card__meta">'
        f'<time datetime="{escape(date_filter(published, "Y-m-d"))}">'
        f"{escape(date_filter(published, date_format))}</time> · "
        f"{gettext('%(minutes)s min read') % {'minutes': minutes}}</p>\n"
        "    </div>\n</article>\n"
    )
    return mark_safe(html)  # noqa: S308 — every value above is escaped


# A slug reverse() prints as it is (nothing to quote).
_PLAIN_SLUG = re.compile(r"[A-Za-z0-9_-]+")


def sibling_url(page, request) -> str | None:
    """`page.get_url(request)`, with Wagtail's URL building done once per parent
    page and request: pages under one parent (a location's fourteen clinicians)
    have URLs that differ only by their slug, and each get_url costs a reverse()
    in a switched language. A slug that reverse() would quote, a page outside the
    request's sites and a URL without its trailing slash go through get_url."""
    url_path = page.url_path
    parent, _, slug = url_path[:-1].rpartition("/")
    if request is None or not url_path.endswith("/") or not _PLAIN_SLUG.fullmatch(slug):
        return page.get_url(request=request)
    # What get_url reads besides the URL path: the sites it falls under, the language.
    key = (
        parent,
        page._get_relevant_site_root_paths(request),
        translation.get_language(),
    )
    prefixes = request.__dict__.setdefault("_sibling_url_prefixes", {})
    if key in prefixes:
        return f"{prefixes[key]}{slug}/"
    url = page.get_url(request=request)
    if url and url.endswith(f"/{slug}/"):
        prefixes[key] = url[: -len(slug) - 1]
    return url


@register.simple_tag
def clinician_card(clinician, heading_level=None, show_bio=False, request=None):
    """`{% include "components/clinician_card.html" with clinician=… heading_level=…
    show_bio=… request=request only %}`, printed in Python (escaped with chrome._e:
    conditional_escape's lazy-string wrapper was a third of a card)."""
    if clinician.photo:
        media = _picture(clinician.photo, CLINICIAN_PICTURE)
    else:
        media = (
            '<span class="clinician-card__initials monogram monogram--tone-'
            f'{_e(localize(clinician.placeholder_tone))}" aria-hidden="true">'
            f"{_e(clinician.initials)}</span>"
        )
    credentials = ""
    if clinician.credentials:
        credentials = (
            '<span class="clinician-card__credentials">, '
            f"{_e(clinician.credentials)}</span>"
        )
    link = (
        '<a class="clinician-card__link" '
        f'href="{_e(sibling_url(clinician, request))}">'
        f"{_e(clinician.full_name)}{credentials}</a>"
    )
    words = lang_of(clinician)  # ' lang="en"' on an untranslated alias under /es/
    role = ""
    if clinician.job_title:
        role = f'<p class="clinician-card__role"{words}>{_e(clinician.job_title)}</p>'
    bio = ""
    if show_bio and clinician.short_bio:
        bio = f'<p class="clinician-card__bio"{words}>{_e(clinician.short_bio)}</p>'
    html = (
        '\n<article class="clinician-card">\n'
        '    <div class="clinician-card__layout">\n'
        '        <div class="clinician-card__media">\n'
        f"            {media}\n"
        "        </div>\n"
        '        <div class="clinician-card__body">\n'
        f"            {_heading(heading_level, 'clinician-card__name', link)}\n"
        f"            {role}\n"
        f"            {bio}\n"
        "        </div>\n    </div>\n</article>\n"
    )
    return mark_safe(html)  # noqa: S308 — every value above is escaped
