"""The site-wide pages in Chromium: both widths, axe, no other origin, the chrome works."""

import pytest

from demo.factories.core import ensure_root, make_site_root
from demo.factories.home import HomePageFactory
from lantana.core.models import SiteSettings, SiteWording
from tests.support.auth import sign_in_browser

# Screenshot name: the built site's page (tests/fixtures.py).
PAGES = {
    "home": "home",
    "standard-page": "about",
    "programs": "programs",
    "locations-index": "location_index",
    "location-charleston": "location",
}


@pytest.fixture
def served_site(live_site, built_site):
    return built_site


def test_site_pages_at_both_widths_pass_axe_and_stay_on_our_origin(
    checker, served_site
):
    paths = {name: getattr(served_site, page).url for name, page in PAGES.items()}
    for name, path in {**paths, "not-found": "/no-such-page/"}.items():
        checker.check(path, name, status=404 if name == "not-found" else 200)
        tel = checker.page.locator(
            'header a[href^="tel:"], .action-bar a[href^="tel:"]'
        )
        assert tel.count() >= 1, f"no tel: link on {path}"
        assert checker.page.locator("h1").count() == 1, path


def test_phone_menu_opens_without_javascript_tricks(checker, served_site):
    checker.goto("/", "phone")
    menu = checker.page.locator(".site-nav__panel")
    assert not menu.is_visible()
    checker.page.get_by_text("Menu", exact=True).click()
    assert menu.is_visible()
    assert checker.page.get_by_role("link", name="Programs").is_visible()
    checker.assert_no_axe_violations("menu open")
    checker.screenshot("menu-open-phone")
    checker.page.keyboard.press("Escape")
    assert not menu.is_visible()


def test_desktop_shows_the_menu_and_hides_the_action_bar(checker, served_site):
    checker.goto("/", "desktop")
    assert checker.page.get_by_role("link", name="Programs").first.is_visible()
    assert not checker.page.locator(".action-bar").is_visible()
    checker.goto("/", "phone")
    assert checker.page.locator(".action-bar").is_visible()


def test_skip_link_moves_focus_to_main(checker, live_site):
    home = HomePageFactory(parent=ensure_root())
    make_site_root(home)
    checker.goto("/", "desktop")
    checker.page.keyboard.press("Tab")
    focused = checker.page.evaluate("document.activeElement.textContent")
    assert "Skip to main content" in focused
    checker.page.keyboard.press("Enter")
    assert checker.page.evaluate("location.hash") == "#main"


def test_missing_settings_fall_back_without_empty_links(checker, live_site):
    home = HomePageFactory(parent=ensure_root())
    site = make_site_root(home)
    SiteSettings.for_site(site).save()  # every optional field empty
    SiteWording.get_default().save()
    checker.check("/", "home-without-settings")
    assert checker.page.locator('a[href="tel:"]').count() == 0


def test_admin_makes_no_third_party_requests(checker, live_site, django_user_model):
    home = HomePageFactory(parent=ensure_root())
    make_site_root(home)
    django_user_model.objects.create_superuser(
        "admin", "a@lantana.example", "pass-word-1"
    )
    sign_in_browser(checker, "admin", "pass-word-1")
    checker.page.goto(checker.base + f"/admin/pages/{home.pk}/edit/")
    checker.page.wait_for_load_state("networkidle")
    checker.screenshot("admin-page-editor-desktop")
    checker.assert_same_origin_only()
