"""`{% article_header %}`, `{% article_body %}` and `{% article_toc %}`: an
article's breadcrumbs and header, its body and its table of contents, printed in
Python.

Through `{% include_block %}` each of a body's blocks rendered its own template
(a context, its nodes, a rich text template inside it): a quarter of a cold
article. These print the same bytes as `articles/includes/article_header.html`, the
blocks' templates (`templates/blocks/`) and `articles/includes/toc_entries.html`,
which stay as the reference
(tests/articles/test_article_tags.py compares the two for every block type, in
English and Spanish). A block type without a printer here (a table, a gallery)
goes through its template, as `{% include_block %}` does.
"""

from functools import cache

from django import template
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import truncatechars
from django.utils.formats import localize
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, pgettext
from wagtail.rich_text import RichText, expand_db_html

from lantana.core.templatetags.core_tags import lang_of, safe_link
from lantana.core.templatetags.picture_tags import picture_specs, printed_picture

register = template.Library()

# The `{% picture %}` of blocks/captioned_image_block.html.
FIGURE_PICTURE = (
    "format-{avif,webp,jpeg} width-{480,800,1200} "
    'sizes="(min-width: 48rem) 44rem, 100vw" loading="lazy" alt=alt'
)


# The sizes and formats of the hero's `{% picture %}` (articles/includes/article_header.html).
HERO_PICTURE = "format-{avif,webp,jpeg} fill-{480x270,800x450,1280x720}"
HERO_ATTRS = 'sizes="(min-width: 64rem) 26rem, 100vw" fetchpriority="high" alt=alt'


@cache
def rendition_specs(arguments: str) -> tuple[str, ...]:
    """The filter specs of the renditions a `{% picture %}` with these arguments
    shows (FIGURE_PICTURE, HERO_PICTURE)."""
    return picture_specs(arguments)


def _picture(image, arguments: str, alt) -> str:
    """A `{% picture image … alt=alt %}` whose other attributes are literals."""
    return printed_picture(image, arguments, alt=alt)


def _rich_text(value) -> str:
    # RichText's own template (wagtailcore/shared/richtext.html) is `{{ html|safe }}`.
    source = value.source if isinstance(value, RichText) else (value or "")
    return expand_db_html(source)


def heading_html(value, anchor=None, request=None) -> str:
    tag = "h3" if value["level"] == "h3" else "h2"
    id_ = f' id="{escape(anchor)}"' if anchor else ""
    return f"<{tag}{id_}>{escape(value['text'])}</{tag}>\n"


def rich_text_html(value, anchor=None, request=None) -> str:
    return f'<div class="rich-text">{_rich_text(value)}</div>\n'


def quote_html(value, anchor=None, request=None) -> str:
    attribution = value["attribution"]
    caption = f"<figcaption>— {escape(attribution)}</figcaption>" if attribution else ""
    return (
        '<figure class="pull-quote">\n'
        f"    <blockquote><p>{escape(value['quote'])}</p></blockquote>\n"
        f"    {caption}\n</figure>\n"
    )


def callout_html(value, anchor=None, request=None) -> str:
    points = "".join(f"<li>{escape(point)}</li>" for point in value["points"])
    return (
        '<div class="callout">\n'
        f'    <p class="callout__heading">{escape(value["heading"])}</p>\n'
        '    <ul class="callout__points">\n'
        f"        {points}\n    </ul>\n</div>\n"
    )


def call_to_action_html(value, anchor=None, request=None) -> str:
    heading, label = escape(value["heading"]), escape(value["link_label"])
    text = f"<p>{escape(value['text'])}</p>" if value["text"] else ""
    link = ""
    if value["link_page"]:
        # What `{% pageurl %}` prints for a page.
        url = escape(value["link_page"].get_url(request=request))
        link = f'<a class="button" href="{url}">{label}</a>\n    '
    elif value["link_url"]:
        href = safe_link(value["link_url"])
        if href:
            chat = " data-chat-open" if href == "/chat/" else ""
            link = f'<a class="button" href="{escape(href)}"{chat}>{label}</a>'
        else:
            link = f"<p>{label}</p>"
    return (
        f'\n<aside class="cta-box" aria-label="{heading}">\n'
        f'    <p class="cta-box__heading">{heading}</p>\n'
        f"    {text}\n    {link}\n</aside>\n"
    )


def _reference(reference) -> str:
    url = reference["url"]
    href = safe_link(url)
    if href:
        link = f' <a href="{escape(href)}" rel="noopener">'
        link += f"{escape(truncatechars(href, 60))}</a>"
    elif url:
        link = f" {escape(truncatechars(url, 60))}"
    else:
        link = ""
    return f"\n        <li>{escape(reference['citation'])}{link}</li>\n        "


def references_html(value, anchor=None, request=None) -> str:
    heading = escape(value["heading"])
    items = "".join(_reference(reference) for reference in value["references"])
    return (
        f'\n<section class="references" aria-label="{heading}">\n'
        f'    <p class="references__heading">{heading}</p>\n'
        f'    <ol class="references__list">\n        {items}\n    </ol>\n'
        "</section>\n"
    )


def image_html(value, anchor=None, request=None) -> str:
    image = value["image"]
    if not image:
        return "\n"
    picture = _picture(
        image, FIGURE_PICTURE, value["alt_text"] or image.default_alt_text
    )
    caption = value["caption"]
    caption = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return (
        '\n<figure class="content-figure">\n'
        f"    {picture}\n"
        f"    {caption}\n</figure>\n\n"
    )


def code_html(value, anchor=None, request=None) -> str:
    return f'<pre class="code-block" tabindex="0"><code>{escape(value["text"])}</code></pre>\n'


def definition_list_html(value, anchor=None, request=None) -> str:
    items = "".join(
        f"<dt>{escape(item['term'])}</dt>\n"
        f"    <dd>{_rich_text(item['definition'])}</dd>\n    "
        for item in value["definitions"]
    )
    return f'<dl class="definition-list">\n    {items}\n</dl>\n'


# Each block type printed here, by its name in the article's stream.
PRINTERS = {
    "heading": heading_html,
    "rich_text": rich_text_html,
    "quote": quote_html,
    "callout": callout_html,
    "call_to_action": call_to_action_html,
    "references": references_html,
    "image": image_html,
    "code": code_html,
    "definition_list": definition_list_html,
}


@register.simple_tag(takes_context=True)
def article_body(context, body_blocks):
    """`{% for block, anchor in body_blocks %}{% include_block block
    with anchor=anchor %}{% endfor %}`, printed in Python."""
    request = context.get("request")
    parts = []
    for block, anchor in body_blocks:
        printer = PRINTERS.get(block.block_type)
        if printer is None:
            parts.append(block.render_as_block({**context.flatten(), "anchor": anchor}))
        else:
            parts.append(printer(block.value, anchor, request))
    return mark_safe("".join(parts))  # noqa: S308 — every value above is escaped


def _toc_entry(entry) -> str:
    link = f'<li><a href="#{escape(entry.anchor)}">{escape(entry.text)}</a>'
    if entry.children:
        children = "".join(
            f'<li><a href="#{escape(child.anchor)}">{escape(child.text)}</a></li>'
            for child in entry.children
        )
        link += f"\n                        <ol>{children}</ol>"
    return link + "</li>\n                    "


@register.simple_tag
def article_toc(toc):
    """The entries of `articles/includes/toc.html`'s list, printed in Python."""
    return mark_safe("".join(_toc_entry(entry) for entry in toc))  # noqa: S308


def _lang(languages) -> str:
    code = getattr(languages, "content_language", "") if languages else ""
    return f' lang="{escape(code)}"' if code else ""


def _crumbs(breadcrumbs, words: str, request) -> str:
    items = []
    last = len(breadcrumbs) - 1
    for position, crumb in enumerate(breadcrumbs):
        title = escape(crumb.title)
        if position == last:
            items.append(f'<li><span aria-current="page"{words}>{title}</span></li>')
            continue
        shown = escape(gettext("Home")) if position == 0 else title
        url = escape(crumb.get_url(request=request))  # what {% pageurl %} prints
        items.append(f'<li><a href="{url}">{shown}</a></li>')
    return "".join(items)


def _person(person, request) -> str:
    name = escape(person.name_with_credentials)
    if person.live:
        return f'<a href="{escape(person.get_url(request=request))}">{name}</a>'
    return name


def _byline(page, request) -> str:
    date_format = pgettext("date format", "F j, Y")
    author = ""
    if page.author:
        author = (
            f'<p class="byline__author">{escape(gettext("By"))} '
            f"{_person(page.author, request)}</p>"
        )
    published = page.publication_date
    minutes = escape(localize(page.reading_time))
    dates = (
        f'<p class="byline__dates">{escape(gettext("Published"))} '
        f'<time datetime="{escape(date_filter(published, "Y-m-d"))}">'
        f"{escape(date_filter(published, date_format))}</time> · "
        f"{gettext('%(minutes)s min read') % {'minutes': minutes}}</p>"
    )
    review = ""
    if page.reviewer and page.last_reviewed:
        reviewed = page.last_reviewed
        review = (
            f'<p class="byline__review">{escape(gettext("Clinically reviewed by"))} '
            f"{_person(page.reviewer, request)} "
            f"{escape(pgettext('reviewed on a date', 'on'))} "
            f'<time datetime="{escape(date_filter(reviewed, "Y-m-d"))}">'
            f"{escape(date_filter(reviewed, date_format))}</time></p>"
        )
    return (
        '<div class="byline">\n'
        f"            {author}\n            {dates}\n            {review}\n"
        "        </div>"
    )


@register.simple_tag(takes_context=True)
def article_header(context, page, breadcrumbs, topic_links, languages):
    """`{% include "articles/includes/article_header.html" %}`, printed in Python."""
    request = context.get("request")
    words = _lang(languages)
    topics = ""
    if topic_links:
        links = "".join(
            f'<li><a href="{escape(url)}"{lang_of(topic)}>'
            f"{escape(topic.local_name)}</a></li>"
            for topic, url in topic_links
        )
        topics = (
            f'<ul class="article-header__topics" aria-label="{escape(gettext("Topics"))}">'
            f"{links}</ul>"
        )
    hero = ""
    if page.hero_image:
        image = page.hero_image
        picture = _picture(
            image, f"{HERO_PICTURE} {HERO_ATTRS}", image.default_alt_text
        )
        hero = f'<div class="article-hero">{picture}</div>'
    html = (
        f'<nav class="breadcrumbs" aria-label="{escape(gettext("Breadcrumb"))}">\n'
        "        <ol>\n"
        f"            {_crumbs(breadcrumbs or [], words, request)}\n"
        "        </ol>\n    </nav>\n"
        '    <header class="article-header">\n'
        f"        {topics}\n"
        f"        <h1{words}>{escape(page.title)}</h1>\n"
        f'        <p class="article-header__summary"{words}>{escape(page.summary)}</p>\n'
        f"        {_byline(page, request)}\n"
        f"        {hero}\n    </header>"
    )
    return mark_safe(html)  # noqa: S308 — every value above is escaped
