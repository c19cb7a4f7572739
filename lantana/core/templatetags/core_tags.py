import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .. import chrome, inline, languages, seo
from ..phones import crisis_links, sms_href, tel_href
from ..text import reveal_invisible as _reveal_invisible
from ..validators import is_safe_link

register = template.Library()


@register.filter
def reveal_invisible(value) -> str:
    """Bidi controls and zero-width characters shown as [U+XXXX] (text.py)."""
    return _reveal_invisible(value) if isinstance(value, str) else value


@register.filter
def lang_of(item) -> str:
    """' lang="en"' on a listed page's title or summary, or a topic's or approach's
    name, when its words are not in the visitor's language (an untranslated alias
    under /es/, a snippet nobody translated yet: `with_translation`'s
    `local_language`), else ""."""
    if hasattr(item, "local_language"):
        shown = item.local_language
        code = "" if shown == translation.get_language() else shown
    else:
        code = languages.words_language(item)
    return format_html(' lang="{}"', code) if code else ""


@register.filter
def topic_lang_of(article) -> str:
    """lang_of for an article card's topic line: ' lang="en"' under /es/ while
    nobody has translated the topic (`topic_language`, from ArticlePage.cards
    and the related articles' query), else ""."""
    shown = getattr(article, "topic_language", None)
    if not shown or shown == translation.get_language():
        return ""
    return format_html(' lang="{}"', shown)


@register.filter
def safe_link(value) -> str:
    """The link if it is one we allow, else "" so the template shows plain text.

    Links saved before validation existed (or written around the admin) never become
    a clickable javascript: or data: URL.
    """
    return value if is_safe_link(value) else ""


# Same escapes as Django's json_script: the JSON can never close the <script> element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """Render a dict as a schema.org <script type="application/ld+json"> block."""
    if not data:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder).translate(_JSON_ESCAPES)
    # Safe: the escapes above leave no <, > or & in the payload.
    safe_payload = mark_safe(payload)  # noqa: S308
    return format_html('<script type="application/ld+json">{}</script>', safe_payload)


register.filter(tel_href)
register.filter(sms_href)
register.filter(crisis_links)


# The site's chrome around every page, printed in Python (lantana/core/chrome.py)
# byte for byte as components/crisis_banner.html, site_header.html, site_footer.html
# and action_bar.html, which stay as the reference tests/core/test_chrome.py
# compares them with.
register.simple_tag(chrome.crisis_banner, takes_context=True)
register.simple_tag(chrome.site_header, takes_context=True)
register.simple_tag(chrome.site_footer, takes_context=True)
register.simple_tag(chrome.action_bar, takes_context=True)


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    """The menu as the reference site_header.html draws it (chrome.main_menu)."""
    request = context.get("request")
    links = chrome.get_menu_links(request) if request is not None else []
    here = request.path if request is not None else ""
    return {
        "links": [{**link, "current": chrome.is_current(link, here)} for link in links]
    }


@register.simple_tag
def inline_stylesheet(name="site"):
    """One of inline.STYLESHEETS as an inline <style> (lantana/core/inline.py)."""
    text = inline.STYLESHEETS[name].text()
    # Safe: our own static file, checked to contain no "</" that could end the element.
    return mark_safe(f"<style>{text}</style>")  # noqa: S308


@register.simple_tag
def site_script(**data):
    """The site script as an inline <script>, its `data` as data-* attributes
    (the URLs of the scripts it loads once the page has loaded)."""
    attributes = format_html_join(
        "", ' data-{}="{}"', ((name.replace("_", "-"), v) for name, v in data.items())
    )
    # Safe: as above; the attributes are escaped by format_html_join.
    return mark_safe(f"<script{attributes}>{inline.SITE_SCRIPT.text()}</script>")  # noqa: S308


@register.simple_tag
def page_description(page) -> str:
    return seo.page_description(page)


@register.simple_tag
def branded_title(title, brand) -> str:
    return seo.branded_title(title, brand)


@register.simple_tag(takes_context=True)
def page_languages(context, page=None):
    """The switcher's links, hreflang alternates and an alias's canonical
    (lantana/core/languages.py); for a view that is not a page, its path's."""
    request = context.get("request")
    if request is None:
        return languages.PathLanguages([])
    if (
        page is not None
        and getattr(page, "pk", None)
        and not getattr(request, "is_preview", False)
    ):
        return languages.for_page(page, request)
    return languages.for_path(request)


@register.filter
def page_type(page) -> str:
    """ "articles.ArticlePage": which kind of page this is, for the insights beacon."""
    meta = getattr(page, "_meta", None)
    return meta.label if meta is not None else ""
