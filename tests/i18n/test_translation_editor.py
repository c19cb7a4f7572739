"""What we add to wagtail-localize's translation editor so axe finds nothing there
(templates/wagtail_localize/admin/edit_translation.html; the browser test
tests/browser/test_translating.py runs axe on it)."""

import re

import pytest
from django.urls import reverse

from demo.factories.core import StandardPageFactory
from lantana.core.models import SiteWording
from tests.support.auth import sign_in

OUR_FILES = (
    '<link rel="stylesheet" href="/static/css/admin-translation-editor.css">',
    '<script src="/static/js/admin-translation-editor.js" defer></script>',
)


@pytest.fixture
def editor(client, admin_user, home):
    return sign_in(client, admin_user)


def headings_one(html: str) -> list[str]:
    return [
        " ".join(re.sub(r"<[^>]+>", "", h).split())
        for h in re.findall(r"<h1\b.*?</h1>", html, re.S)
    ]


def test_a_pages_translation_editor_has_its_heading_and_our_fixes(
    editor, home, spanish
):
    page = StandardPageFactory(parent=home, title="About", slug="about")
    editor.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [spanish.pk]})
    translation = page.get_translation(spanish)
    response = editor.get(reverse("wagtailadmin_pages:edit", args=[translation.pk]))
    html = response.content.decode()
    assert "js-translation-editor" in html
    assert headings_one(html) == ["Translation of About into Español"]
    for tag in OUR_FILES:
        assert html.count(tag) == 1, tag


def test_a_snippets_translation_editor_gets_our_fixes_too(editor, spanish):
    english = SiteWording.for_language("en")
    editor.post(
        f"/admin/localize/submit/snippet/core/sitewording/{english.pk}/",
        {"locales": [spanish.pk]},
    )
    translation = english.get_translation(spanish)
    response = editor.get(
        reverse("wagtailsnippets_core_sitewording:edit", args=[translation.pk])
    )
    html = response.content.decode()
    assert "js-translation-editor" in html
    assert headings_one(html)  # its own header already has one
    for tag in OUR_FILES:
        assert html.count(tag) == 1, tag
