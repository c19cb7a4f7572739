"""Wagtail 8's inline initialisers, allowed by hash instead of 'unsafe-inline'.

Wagtail's admin still prints a few inline scripts from its widgets and panels, each
carrying its field's id and options, so no fixed hash or template nonce can cover
them (form widgets render without the request). Instead, once an admin page is
rendered, each inline <script> whose text has exactly one of these shapes is
allowed by its SHA-256 hash:

    new PageChooser("id_page", {...JSON...});        BaseChooser.render
    createTaskChooser("id_task");                     workflows
    initDateChooser("id_date", {...JSON...});         date, time, datetime inputs
    (function() { var panel = new InlinePanel(JSON.parse("...")); })();

The arguments must parse as JSON (or be an escapejs string), so an allowed script
can only hand data to one of Wagtail's own initialisers; a script of any other
shape, injected or not, stays blocked, and the browser reports it.

wagtail-localize prints two fixed scripts, allowed when their text (spaces
collapsed) is exactly what its templates print: the translation editor's
`window.chooserUrls = {...}` with this site's own chooser URLs (its React editor
opens the image, document and page choosers with them), and the "Translate"
form's select-all checkbox.

An inline panel's empty form carries its initialisers with "__prefix__" where
the new form's number goes; the first PREFIX_EXPANSIONS numbers are allowed too,
so rows added in the editor start their widgets (more rows: save and go on).
"""

import base64
import hashlib
import json
import re

from django.urls import reverse

_SCRIPT = re.compile(r'<script(?: type="text/javascript")?>(.*?)</script>', re.S)
_ESCAPEJS_STRING = r'"(?:[^"\\<>&]|\\u[0-9A-Fa-f]{4})*"'
_CHOOSER = re.compile(r"new [A-Z][A-Za-z]*Chooser\((\"[^\"\\]*\"), (\{.*\})\);", re.S)
_TASK_CHOOSER = re.compile(r"createTaskChooser\((\"[^\"\\]*\")\);")
_DATE_CHOOSER = re.compile(
    rf"init(?:Date|Time|DateTime)Chooser\(({_ESCAPEJS_STRING}), (\{{.*\}})\);", re.S
)
_PANEL = re.compile(
    r"\(function\(\) \{ var panel = new (?:Inline|MultipleChooser)Panel\("
    rf"JSON\.parse\(({_ESCAPEJS_STRING})\)\); \}}\)\(\);"
)
_SPACES = re.compile(r"\s+")
PREFIX_EXPANSIONS = 20


def _is_json(text: str, kind: type) -> bool:
    try:
        return isinstance(json.loads(text), kind)
    except ValueError:
        return False


_SELECT_ALL_LOCALES = (
    "document.addEventListener('DOMContentLoaded', function() { "
    "var selectAll = document.querySelector('[name=\"select_all\"]'); "
    "var locales = document.querySelectorAll('[name=\"locales\"]'); "
    "selectAll.addEventListener('change', function() { "
    "for (var i = 0; i < locales.length; i++) { "
    "locales[i].checked = selectAll.checked; } }); });"
)


def localize_scripts() -> set[str]:
    """wagtail-localize's fixed inline scripts, spaces collapsed
    (wagtail_localize/templates/wagtail_localize/admin/edit_translation.html and
    submit_translation.html)."""
    image, document, page = (
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtaildocs_chooser:choose"),
        reverse("wagtailadmin_choose_page"),
    )
    chooser_urls = (
        'if (typeof window.chooserUrls === "undefined") { window.chooserUrls = { '
        f'imageChooser: "{image}", documentChooser: "{document}", '
        f'pageChooser: "{page}", }} }}'
    )
    return {chooser_urls, _SELECT_ALL_LOCALES}


def is_wagtail_initialiser(script: str) -> bool:
    body = script.strip()
    if "chooserUrls" in body or "select_all" in body:
        return _SPACES.sub(" ", body) in localize_scripts()
    if match := _CHOOSER.fullmatch(body):
        return _is_json(match[1], str) and _is_json(match[2], dict)
    if match := _TASK_CHOOSER.fullmatch(body):
        return _is_json(match[1], str)
    if match := _DATE_CHOOSER.fullmatch(body):
        return _is_json(match[2], dict)
    return bool(_PANEL.fullmatch(_SPACES.sub(" ", body)))


def initialiser_hashes(html: str) -> list[str]:
    """CSP sources for the Wagtail initialisers in this page, in order, once each."""
    sources = []
    for script in _SCRIPT.findall(html):
        if not is_wagtail_initialiser(script):
            continue
        texts = [script]
        if "__prefix__" in script:
            texts += [
                script.replace("__prefix__", str(n)) for n in range(PREFIX_EXPANSIONS)
            ]
        for text in texts:
            digest = hashlib.sha256(text.encode()).digest()
            source = f"'sha256-{base64.b64encode(digest).decode()}'"
            if source not in sources:
                sources.append(source)
    return sources
