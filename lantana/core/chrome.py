"""The parts every page prints around its content (the crisis banner, the header
with the language switcher and the menu, the footer, the action bar), printed in
Python: Django's template engine spent about a fifth of a small page's work on
them (docs/development/performance.md).

They print what their templates printed, byte for byte; the values come from the
same places (the clinic details, SiteWording, the notices in force: read once per
change through site_cache), nothing here keeps anything. Each takes the template
context: `{% crisis_banner %}`, `{% site_header %}`, `{% site_footer %}` and
`{% action_bar %}` in base.html. Every value is escaped with `_e`, Django's
conditional_escape without its lazy-string wrapper (a third of the work here).
"""

from html import escape

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.text import normalize_newlines
from django.utils.translation import gettext
from wagtail.models import Site

from . import languages, site_cache
from .models import SiteWording
from .phones import crisis_links, sms_href, tel_href
from .validators import is_safe_link

DEFAULT_NAME = "Lantana Recovery"
# A literal in the templates, so taken as safe there: its "&" is printed as it is.
DEFAULT_CRISIS_TEXT = mark_safe(  # noqa: S308
    "In crisis? Call or text 988, the Suicide & Crisis Lifeline."
)


def _e(value) -> str:
    """conditional_escape(value), for the str values printed here."""
    if isinstance(value, SafeData):
        return value
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value))


def _html(template: str, *values) -> SafeString:
    """format_html(template, *values), escaping with _e."""
    return mark_safe(template.format(*map(_e, values)))  # noqa: S308


def _join(separator: str, template: str, rows) -> SafeString:
    """format_html_join(separator, template, rows), escaping with _e."""
    return mark_safe(separator.join(template.format(*map(_e, row)) for row in rows))  # noqa: S308


def clinic_of(context):
    """The request's clinic details, as `settings.core.SiteSettings` gives them."""
    proxy = context.get("settings")  # Wagtail's SettingProxy: empty until asked
    return None if proxy is None else proxy["core"]["SiteSettings"]


def field(instance, name: str) -> str:
    """`{{ instance.name }}`'s value: "" when either is missing."""
    return getattr(instance, name, "") or ""


def translated(message: str, **values) -> str:
    """As `{% blocktranslate %}` prints it: the translation (not escaped), each
    value escaped."""
    escaped = {name: _e(value) for name, value in values.items()}
    try:
        return gettext(message) % escaped
    except (KeyError, ValueError):
        return message % escaped


def words_lang(wording, language: str) -> str:
    """' lang="…"' on the wording's words when they are not in the page's language."""
    shown = field(wording, "language")
    return _html(' lang="{}"', shown) if shown != language else ""


def site_footer(context) -> SafeString:
    language = translation.get_language()
    clinic = clinic_of(context)
    wording = context.get("site_wording")
    name = field(clinic, "clinic_name") or DEFAULT_NAME
    phone, text_line = field(clinic, "phone"), field(clinic, "text_line")
    address, email = field(clinic, "address"), field(clinic, "email")
    hours, footer_text = (
        field(wording, "admissions_hours"),
        field(wording, "footer_text"),
    )
    crisis_text = field(wording, "crisis_text") or DEFAULT_CRISIS_TEXT
    social = getattr(clinic, "social_links", None)
    notices = context.get("footer_notices")
    same_language = field(wording, "language") == language
    # The literal below is the template's text: its spaces and lines are the page's.
    return mark_safe(  # noqa: S308 — every value below is escaped
        f"""
<footer class="site-footer">
    <div class="site-footer__inner">
        <section class="site-footer__col" aria-labelledby="footer-contact">
            <h2 id="footer-contact" class="site-footer__heading">{_e(name)}</h2>
            {_html("<address>{}</address>", _lines(address)) if address else ""}
            {_html('<p><a href="{}">{}</a></p>', tel_href(phone), phone) if phone else ""}
            {_html('<p>{} <a href="{}">{}</a></p>', gettext("Text us:"), sms_href(text_line), text_line) if text_line else ""}
            {_html('<p><a href="mailto:{}">{}</a></p>', email, email) if email else ""}
            {_html("<p{}>{}</p>", words_lang(wording, language), hours) if hours else ""}
        </section>
        <section class="site-footer__col" aria-labelledby="footer-help">
            <h2 id="footer-help" class="site-footer__heading">{_e(gettext("Help right now"))}</h2>
            {_html("<p>{}</p>", crisis_links(crisis_text)) if same_language else ""}
            {_html("<p>{}</p>", _crisis_line("988")) if language != "en" else ""}
            <p>{translated('In an emergency, call <a href="tel:911">911</a>.')}</p>
        </section>
        {_social(social) if social else ""}
        {_notices(notices) if notices else ""}
    </div>
    {""}
    <section class="site-footer__language" aria-labelledby="footer-language">
        <h2 id="footer-language" class="site-footer__heading">{_e(gettext("Language help"))}</h2>
        {""}
        <p lang="en">Free language help is available to you. Ask for an interpreter when you call{_html(' <a href="{}">{}</a>', tel_href(phone), phone) if phone else ""}, or write to us in Spanish.</p>
        <p lang="es">Tiene a su disposición ayuda gratuita con el idioma. Pida un intérprete cuando nos llame{_html(' al <a href="{}">{}</a>', tel_href(phone), phone) if phone else ""}, o escríbanos en español.</p>
        {""}
    </section>
    {_html('<p class="site-footer__note"{}>{}</p>', words_lang(wording, language), footer_text) if footer_text else ""}
</footer>

"""
    )


def _lines(text: str) -> SafeString:
    """`|linebreaksbr`: escaped, each line break a <br>."""
    return mark_safe(_e(normalize_newlines(text)).replace("\n", "<br>"))  # noqa: S308


def _crisis_line(crisis: str) -> str:
    # One sentence with its own template, shared with the "help now" box.
    html = render_to_string("components/crisis_line.html", {"crisis": crisis})
    return mark_safe(html)  # noqa: S308 — a template's output


def _social(links) -> str:
    items = _join(
        "",
        "<li>{}</li>",
        (
            (
                _html('<a href="{}" rel="noopener">{}</a>', href, label)
                if (href := (url if is_safe_link(url) else ""))
                else _e(label),
            )
            for label, url in links
        ),
    )
    return f"""
        <section class="site-footer__col" aria-labelledby="footer-social">
            <h2 id="footer-social" class="site-footer__heading">{_e(gettext("Follow us"))}</h2>
            <ul class="site-footer__links">
                {items}
            </ul>
        </section>
        """


def _notices(notices) -> str:
    items = _join(
        "",
        '<li><a href="{}">{}</a></li>',
        ((notice.url, gettext(notice.title)) for notice in notices),
    )
    return f"""
        <nav class="site-footer__col" aria-labelledby="footer-notices">
            <h2 id="footer-notices" class="site-footer__heading">{_e(gettext("Notices"))}</h2>
            <ul class="site-footer__links">
                {items}
            </ul>
        </nav>
        """


def action_bar(context) -> SafeString:
    clinic = clinic_of(context)
    phone = field(clinic, "phone")
    if phone:
        name = field(clinic, "clinic_name") or DEFAULT_NAME
        call = _html(
            """
    <a class="action-bar__call" href="{}">{}<span class="visually-hidden"> {}</span></a>
    """,
            tel_href(phone),
            gettext("Call"),
            mark_safe(translated("%(name)s at %(phone)s", name=name, phone=phone)),  # noqa: S308
        )
    else:
        crisis = field(clinic, "crisis_phone") or "988"
        call = _html(
            """
    <a class="action-bar__call" href="{}">{}</a>
    """,
            tel_href(crisis),
            mark_safe(translated("Call %(crisis)s", crisis=crisis)),  # noqa: S308
        )
    return _html(
        """
<nav class="action-bar" aria-label="{}">
    {}
    <a class="action-bar__chat" href="{}" data-chat-open>{}</a>
</nav>

""",
        gettext("Get help now"),
        call,
        reverse("contact:chat"),
        gettext("Chat with us"),
    )


def crisis_banner(context) -> SafeString:
    emergency = translated('In an emergency, call <a href="tel:911">911</a>.')
    if translation.get_language() == "es":
        # Spanish keeps the Lifeline's own Spanish option, word for word (its links
        # must be exact); the translated crisis text is in the footer.
        message = translated(
            'In crisis? <a href="tel:988">Call 988 and press 2</a> or '
            '<a href="sms:988?body=AYUDA">text AYUDA to 988</a>.'
        )
    else:
        clinic = clinic_of(context)
        crisis_text = field(context.get("site_wording"), "crisis_text")
        crisis_text = crisis_text or DEFAULT_CRISIS_TEXT
        phone = field(clinic, "crisis_phone") or "988"
        message = crisis_links(crisis_text)
        if phone not in crisis_text:
            message += _html(
                """
        <a href="{}">{}</a>
        <a href="{}">{}</a>""",
                tel_href(phone),
                mark_safe(translated("Call %(crisis_phone)s", crisis_phone=phone)),  # noqa: S308
                sms_href(phone),
                mark_safe(translated("Text %(crisis_phone)s", crisis_phone=phone)),  # noqa: S308
            )
    return mark_safe(  # noqa: S308 — the translations are ours, the values escaped
        f"""
<aside class="crisis-banner" aria-label="{_e(gettext("Crisis support"))}">
    {""}
    <p>{message}
        <span class="crisis-banner__emergency">{emergency}</span>
    </p>
    {""}
</aside>

"""
    )


def site_header(context) -> SafeString:
    clinic = clinic_of(context)
    name = field(clinic, "clinic_name") or DEFAULT_NAME
    phone = field(clinic, "phone")
    languages = context.get("languages")
    switcher = _join(
        "",
        """
                <a href="{}" hreflang="{}" lang="{}">{}</a>""",
        (
            (link.url, link.code, link.code, link.name)
            for link in getattr(languages, "links", ())
            if not link.current
        ),
    )
    call = (
        _html(
            """
            <a class="site-header__phone" href="{}"><span class="visually-hidden">{} </span>{}</a>
            """,
            tel_href(phone),
            gettext("Call us at"),
            phone,
        )
        if phone
        else ""
    )
    search = _e(gettext("Search the site"))
    return mark_safe(  # noqa: S308 — every value below is escaped
        f"""
<header class="site-header">
    <div class="site-header__inner">
        <a class="site-header__brand" href="{reverse("wagtail_serve", args=[""])}">
            <svg aria-hidden="true" focusable="false" viewBox="0 0 32 32" width="32" height="32"><g transform="translate(16 16)"><circle r="5" fill="#f6b93b"/><g fill="#d9480f"><circle cx="0" cy="-9" r="5"/><circle cx="8.5" cy="-3" r="5"/><circle cx="5.3" cy="7.5" r="5"/><circle cx="-5.3" cy="7.5" r="5"/><circle cx="-8.5" cy="-3" r="5"/></g><circle r="4.2" fill="#f6b93b"/></g></svg>
            <span>{_e(name)}</span>
        </a>
        <div class="site-header__actions">
            <nav class="language-switcher" aria-label="{_e(gettext("Language"))}">{switcher}
            </nav>
            {call}
            <a class="button button--small site-header__chat" href="{reverse("contact:chat")}" data-chat-open>{_e(gettext("Chat with us"))}</a>
        </div>
        <details class="site-nav" data-site-nav>
            <summary class="site-nav__toggle"><span>{_e(gettext("Menu"))}</span></summary>
            <nav class="site-nav__panel" aria-label="{_e(gettext("Main"))}">
                {main_menu(context.get("request"))}
                <form class="site-search" action="{reverse("home:search")}" method="get" role="search">
                    <label for="site-search-q" class="visually-hidden">{search}</label>
                    <input id="site-search-q" type="search" name="q" placeholder="{search}" maxlength="200">
                    <button type="submit" class="button button--small">{_e(gettext("Search"))}</button>
                </form>
            </nav>
        </details>
    </div>
</header>

"""
    )


def main_menu(request) -> SafeString:
    """The menu's links, the one for where the visitor is marked current."""
    links = get_menu_links(request) if request is not None else []
    if not links:
        return mark_safe("\n")  # noqa: S308
    here = request.path
    items = _join(
        "",
        """
    <li>{}</li>
    """,
        ((_menu_item(link, here),) for link in links),
    )
    return mark_safe(f'\n<ul class="main-menu">\n    {items}\n</ul>\n\n')  # noqa: S308


def _menu_item(link: dict, here: str) -> SafeString:
    url, label, lang = link["url"], link["label"], link["lang"]
    lang_attribute = _html(' lang="{}"', lang) if lang else ""
    if not url:
        return _html("<span{}>{}</span>", lang_attribute, label)
    current = is_current(link, here)
    return _html(
        '<a href="{}"{}{}>{}</a>',
        url,
        mark_safe(' aria-current="page"') if current else "",  # noqa: S308
        lang_attribute,
        label,
    )


def is_current(link: dict, here: str) -> bool:
    """Whether a menu link is where the visitor is, or above it."""
    url = link["url"]
    return bool(url) and (url == here or (url != "/" and here.startswith(url)))


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
