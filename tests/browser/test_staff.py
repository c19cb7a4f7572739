from tests.support.browser import WIDTHS


def rescreenshot_loaded(checker, path: str, name: str):
    """Take the screenshots again once lazy images below the fold have loaded."""
    for width in WIDTHS:
        checker.goto(path, width)
        checker.page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        checker.page.wait_for_function(
            "() => Array.from(document.images).every(img => img.complete)"
        )
        checker.page.evaluate("window.scrollTo(0, 0)")
        checker.screenshot(f"{name}-{width}")


def test_team_page(checker, live_site, built_site):
    team = built_site.team_index.url
    checker.check(team, "staff-index")
    rescreenshot_loaded(checker, team, "staff-index")
    page = checker.page
    assert page.locator(".clinician-card").count() == len(built_site.clinicians)
    # The whole card is one link to the profile.
    first = page.locator(".clinician-card").first
    name = first.locator(".clinician-card__link").inner_text()
    first.click(position={"x": 20, "y": 20})
    profile = next(p for p in built_site.clinicians if p.title in name)
    page.wait_for_url(f"**{profile.url}")

    checker.check(f"{team}role/medical/", "staff-index-medical")
    assert page.locator(".clinician-card").count() == len(built_site.medical)
    assert page.locator('.role-filter [aria-current="page"]').inner_text() == "Medical"


def test_profiles(checker, live_site, built_site):
    with_photo = built_site.clinicians[0]
    checker.check(with_photo.url, "staff-profile")
    assert checker.page.locator("h1").inner_text() == with_photo.name_with_credentials

    without = next(p for p in built_site.clinicians if p.photo_id is None)
    checker.check(without.url, "staff-profile-no-photo")
    initials = without.first_name[0] + without.last_name[0]
    assert checker.page.locator(".clinician__initials").inner_text() == initials
