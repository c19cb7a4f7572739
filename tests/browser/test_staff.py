import io

from django.core.management import call_command

from .conftest import WIDTHS


def rescreenshot_loaded(checker, path: str, name: str):
    """Take the screenshots again once lazy images below the fold have loaded."""
    for width in WIDTHS:
        checker.goto(path, width)
        checker.page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        checker.page.wait_for_function(
            "Array.from(document.images).every(img => img.complete)"
        )
        checker.page.evaluate("window.scrollTo(0, 0)")
        checker.screenshot(f"{name}-{width}")


def test_team_page(checker):
    call_command("load_demo", stdout=io.StringIO())
    checker.check("/team/", "staff-index")
    rescreenshot_loaded(checker, "/team/", "staff-index")
    page = checker.page
    assert page.locator(".clinician-card").count() >= 6
    # The whole card is one link to the profile.
    page.locator(".clinician-card").first.click(position={"x": 20, "y": 20})
    page.wait_for_url("**/team/maya-okafor/")

    checker.check("/team/role/medical/", "staff-index-medical")
    assert page.locator(".clinician-card").count() == 2
    assert page.locator('.role-filter [aria-current="page"]').inner_text() == "Medical"


def test_profiles(checker):
    call_command("load_demo", stdout=io.StringIO())
    checker.check("/team/maya-okafor/", "staff-profile")
    assert checker.page.locator("h1").inner_text() == "Maya Okafor, LMSW"

    checker.check("/team/tamika-grant/", "staff-profile-no-photo")
    assert checker.page.locator(".clinician__initials").inner_text() == "TG"
