"""The admin's script policy: Wagtail's inline initialisers by hash, nothing else
inline (lantana/core/admin_csp.py; issue 22)."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from demo.factories.core import StandardPageFactory
from demo.factories.leads import InquiryFactory
from lantana.core.admin_csp import initialiser_hashes, is_wagtail_initialiser
from tests.support.auth import sign_in

WAGTAIL_SHAPES = [
    'new PageChooser("id_page", {"modelNames": ["wagtailcore.page"], "canChooseRoot": false});',
    'new ImageChooser("id_image", {});',
    'createTaskChooser("id_task");',
    'initDateChooser("id_received_from", {"dayOfWeekStart": 0, "format": "Y-m-d"});',
    'initDateTimeChooser("id_go_live_at", {"format": "Y-m-d H:i"});',
    'initTimeChooser("id_opens\\u002Dat", {});',
    """
        (function() {
            var panel = new InlinePanel(JSON.parse("{\\u0022formsetPrefix\\u0022: \\u0022id_hours\\u0022}"));
        })();
    """,
]
INJECTED = [
    "alert(1)",
    'new PageChooser("id", {}); alert(1);',
    'new PageChooser("id", {"a": alert(1)});',
    'new Function("alert(1)", {});',
    'initDateChooser("id", {}); fetch("//evil.example");',
    'initDateChooser("id"+alert(1)+"", {});',
    'createTaskChooser("id" + alert(1));',
    '(function() { var panel = new InlinePanel(JSON.parse("x")); alert(1); })();',
    '(function() { var panel = new InlinePanel(JSON.parse("\\")+alert(1)//")); })();',
    'if (typeof window.chooserUrls === "undefined") { window.chooserUrls = { '
    'imageChooser: "//evil.example/", documentChooser: "/admin/documents/chooser/", '
    'pageChooser: "/admin/choose-page/", } }',
    'if (typeof window.chooserUrls === "undefined") { alert(1) }',
    "document.addEventListener('DOMContentLoaded', function() { alert(1); "
    "var selectAll = document.querySelector('[name=\"select_all\"]'); });",
]


@pytest.mark.parametrize("script", WAGTAIL_SHAPES)
def test_wagtails_initialisers_are_recognised(script):
    assert is_wagtail_initialiser(script)


@pytest.mark.parametrize("script", INJECTED)
def test_anything_else_is_not(script):
    assert not is_wagtail_initialiser(script)
    assert initialiser_hashes(f"<script>{script}</script>") == []


def script_src(response) -> list[str]:
    policy = response["Content-Security-Policy"]
    [part] = [p for p in policy.split(";") if p.strip().startswith("script-src")]
    return part.split()[1:]


@pytest.fixture
def boss(client, admin_user, home):
    return sign_in(client, admin_user)


def test_no_admin_page_allows_inline_scripts_wholesale(boss, home):
    page = StandardPageFactory(parent=home, title="About", slug="about")
    lead = InquiryFactory()
    for url in (
        reverse("wagtailadmin_home"),
        reverse("leads:index"),
        reverse("leads:index") + "?export=csv",
        reverse("leads:index") + "?export=xlsx",
        reverse("leads:inspect", args=[lead.pk]),
        reverse("contact_live_chat"),
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
    ):
        response = boss.get(url)
        assert response.status_code == 200, url
        sources = script_src(response)
        assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources, url


def test_each_initialiser_on_the_page_is_allowed_by_its_hash(boss, home):
    page = StandardPageFactory(parent=home, title="About", slug="about")
    response = boss.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    html = response.content.decode()
    hashes = initialiser_hashes(html)
    assert hashes, "the page editor prints Wagtail initialisers"
    assert set(hashes) <= set(script_src(response))


def test_rows_added_in_an_inline_panel_start_their_widgets():
    script = 'initTimeChooser("id_hours\\u002D__prefix__\\u002Dopens", {});'
    hashes = initialiser_hashes(f"<template><script>{script}</script></template>")
    added = initialiser_hashes(f"<script>{script.replace('__prefix__', '3')}</script>")
    assert added[0] in hashes


def test_wagtail_localizes_fixed_scripts_are_allowed_by_their_hash(boss, home):
    """The translation editor's chooser URLs and the Translate form's select-all,
    exactly as wagtail-localize prints them, run under the admin's policy."""
    spanish = Locale.objects.get_or_create(language_code="es")[0]
    page = StandardPageFactory(parent=home, title="About", slug="about")
    response = boss.get(f"/admin/localize/submit/page/{page.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "select_all" in html
    [select_all] = initialiser_hashes(html)
    assert select_all in script_src(response)
    boss.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [spanish.pk]})
    translation = page.get_translation(spanish)
    response = boss.get(reverse("wagtailadmin_pages:edit", args=[translation.pk]))
    html = response.content.decode()
    assert "js-translation-editor" in html and "window.chooserUrls" in html
    hashes = initialiser_hashes(html)
    assert len(hashes) == 1 and hashes[0] in script_src(response)
