import json
import re

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from wagtail.models import Site

from .. import inline, languages, seo, site_cache
from ..models import SiteWording
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


@register.filter
def tel_href(number) -> str:
    """'(843) 555-0134' -> 'tel:+18435550134'; '988' stays a short code."""
    digits = re.sub(r"\D", "", str(number or ""))
    if not digits:
        return ""
    if len(digits) == 10:
        digits = "1" + digits
    if len(digits) == 11 and digits.startswith("1"):
        return f"tel:+{digits}"
    return f"tel:{digits}"


@register.filter
def sms_href(number) -> str:
    href = tel_href(number)
    return href.replace("tel:", "sms:", 1) if href else ""


# "call or text 988", "text 988", a bare 988 or 911, in text an editor wrote.
_CRISIS_NUMBERS = re.compile(
    r"\b(?:(?P<both>call or text)\s+988|(?P<text>text)\s+988|(?P<number>988|911))\b",
    re.IGNORECASE,
)


def _crisis_link(match: re.Match) -> str:
    if match["both"]:
        call, text = match["both"].split(" or ")
        return f'<a href="tel:988">{call} 988</a> or <a href="sms:988">{text} 988</a>'
    if match["text"]:
        return f'<a href="sms:988">{match["text"]} 988</a>'
    return f'<a href="tel:{match["number"]}">{match["number"]}</a>'


@register.filter
def crisis_links(text) -> str:
    """Editor-written text with every 988 and 911 a link a phone can follow:
    "call or text 988" becomes a call link and a text link."""
    escaped = str(conditional_escape(text or ""))
    # Safe: escaped above; only our own fixed markup is added.
    return mark_safe(_CRISIS_NUMBERS.sub(_crisis_link, escaped))  # noqa: S308


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    links = get_menu_links(request) if request is not None else []
    current = request.path if request is not None else ""
    return {
        "links": [
            {
                **link,
                "current": bool(link["url"])
                and (
                    link["url"] == current
                    or (link["url"] != "/" and current.startswith(link["url"]))
                ),
            }
            for link in links
        ]
    }


def get_menu_links(request) -> list[dict]:
    """The site's menu links, built once per change of the menu or its pages."""
    site = Site.find_for_request(request)
    language = translation.get_language()
    key = site_cache.menu_key(site.pk if site else None, language)
    links = None if key is None else site_cache.read(key)
    if links is None:
        wording = SiteWording.for_language(language)
        links = [
            link
            for block in wording.main_menu
            if (link := _menu_link(block.value, request, wording.language))
        ]
        for link in links:
            # Marked for screen readers when not in the visitor's language.
            link["lang"] = "" if link["lang"] == language else link["lang"]
        if key is not None:
            site_cache.keep(key, links)
    return links


def _menu_link(value, request, wording_language: str) -> dict | None:
    """A menu link and the language of its label: a label written in the visitor's
    language is kept; in the fallback's, the page's own (translated) title is
    shown instead, in the language its words are in."""
    own_labels = wording_language == translation.get_language()
    page = value.get("page")
    if page is not None:
        # The page in the visitor's language (wagtail-localize keeps a menu's page
        # links pointing at the English page; they are localised here).
        localized = page.localized
        if not localized.live:
            return None
        url = localized.get_url(request)
        label = value.get("label") if own_labels or localized.pk == page.pk else ""
        if label:
            return {"url": url, "label": label, "lang": wording_language}
        if localized.pk == page.pk:  # no version in this language: the page's own
            words = settings.LANGUAGE_CODE
        else:
            words = languages.words_language(localized) or translation.get_language()
        return {"url": url, "label": localized.title, "lang": words}
    if value.get("url"):
        url = value["url"] if is_safe_link(value["url"]) else ""
        label = value.get("label") or value["url"]
        return {"url": url, "label": label, "lang": wording_language}
    return None


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
