"""`{% crisis_banner %}`, `{% site_header %}`, `{% site_footer %}` and
`{% action_bar %}` (lantana/core/chrome.py) print exactly what their templates
(components/crisis_banner.html, site_header.html with main_menu.html,
site_footer.html, action_bar.html) draw, whatever the clinic filled in."""

import itertools
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from wagtail.contrib.settings.context_processors import SettingProxy

from lantana.core import chrome
from lantana.core.languages import LanguageLink
from lantana.core.models import SiteSettings
from notices.current import NoticeLink

PARTS = ["crisis_banner", "site_header", "site_footer", "action_bar"]
MENU = [
    {"url": "/programs/", "label": "Programs & <more>", "lang": ""},
    {"url": "", "label": "A label without a link", "lang": "en"},
    {"url": "/", "label": "Home", "lang": "es"},
    {"url": "/programs/day/", "label": "Day", "lang": ""},
]
SWITCHER = [
    LanguageLink("en", "English", "/a/?x=1&y=2", True),
    LanguageLink("es", "Español", "/es/a/", False),
]
NOTICES = [
    NoticeLink("website-privacy", "Website privacy", "/notices/p/", 1, 1),
    NoticeLink("accessibility", "Accessibility statement", "/notices/a/", 2, 2),
]
SOCIAL = [("Facebook", "https://fb.example/x?a=1&b=2"), ("Odd", "javascript:alert(1)")]


def clinics():
    """Every field filled and empty, with characters that must be escaped."""
    for phone, name, address, crisis_phone in itertools.product(
        ["", "(843) 555-0134"],
        ["", "Rose & <Co>"],
        ["", "65 Wentworth <St>\nCharleston & co"],
        ["", "988", "555 123 4567"],
    ):
        yield SimpleNamespace(
            clinic_name=name,
            phone=phone,
            address=address,
            crisis_phone=crisis_phone,
            text_line="843 555 0178" if phone else "",
            email="hello@clinic.example" if address else "",
            social_links=SOCIAL if name else [],
        )


def wordings():
    for language, crisis_text, filled in itertools.product(
        ["en", "es"],
        ["", "In crisis? Call or text 988 now", "Call us & <b>"],
        [True, False],
    ):
        yield SimpleNamespace(
            language=language,
            crisis_text=crisis_text,
            admissions_hours="Open 24/7 & it's free" if filled else "",
            footer_text="A <note> & 'quote'" if filled else "",
        )


def contexts():
    for number, (clinic, wording) in enumerate(
        itertools.product(clinics(), wordings())
    ):
        yield {
            "settings": {"core": {"SiteSettings": clinic}},
            "site_wording": wording,
            "footer_notices": NOTICES if number % 2 else [],
            "request": SimpleNamespace(path="/programs/day/x/"),
            "languages": SimpleNamespace(links=SWITCHER if number % 3 else []),
        }


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("menu", [MENU, []])
def test_the_chrome_matches_its_templates(monkeypatch, language, menu):
    monkeypatch.setattr(chrome, "get_menu_links", lambda request: menu)
    with translation.override(language):
        for context in contexts():
            for part in PARTS:
                drawn = render_to_string(f"components/{part}.html", context)
                assert str(getattr(chrome, part)(context)) == drawn, part


def test_without_a_request_nothing_is_read():
    """A page drawn without a request (a 500 page's) has no settings or menu."""
    assert "site-footer" in chrome.site_footer({})
    assert 'class="main-menu"' not in chrome.site_header({})


def test_the_clinic_details_come_from_wagtails_settings_proxy(site):
    """As base.html's context has them: `settings`, empty until a part asks."""
    clinic = SiteSettings.for_site(site)
    clinic.crisis_phone = "(843) 555-0199"
    clinic.save()
    request = RequestFactory().get("/")
    request._wagtail_site = site
    shown = {
        part: str(getattr(chrome, part)({"settings": SettingProxy(request)}))
        for part in PARTS
    }
    assert "tel:+18435550199" in shown["crisis_banner"]
    for part in ("site_header", "site_footer", "action_bar"):
        assert "tel:+18435550134" in shown[part], part
