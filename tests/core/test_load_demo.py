import io

from django.core.management import call_command
from wagtail.models import Page, Site

from lantana.core.models import NavigationSettings, SiteSettings
from locations.models import LocationPage


def test_load_demo_builds_the_site_and_is_idempotent(db, client):
    call_command("load_demo", stdout=io.StringIO())
    pages = Page.objects.count()
    images = Page.objects.none()
    from lantana.core.models import CustomImage

    images = CustomImage.objects.count()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert Page.objects.count() == pages
    assert CustomImage.objects.count() == images
    assert "Admin login" in out.getvalue()

    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific.__class__.__name__ == "HomePage"
    charleston = LocationPage.objects.get(slug="charleston")
    assert charleston.city == "Charleston" and charleston.phone.startswith("(843)")
    assert charleston.hours.count() == 7
    assert SiteSettings.for_site(site).phone == "(843) 555-0134"
    assert len(NavigationSettings.for_site(site).main_menu) >= 4
    for path in [
        "/",
        "/about/",
        "/admissions/",
        "/programs/",
        "/programs/day-treatment/",
        "/locations/",
        "/locations/charleston/",
    ]:
        assert client.get(path).status_code == 200, path


def test_load_demo_refuses_where_demo_content_is_not_allowed(db, settings):
    import pytest
    from django.core.management.base import CommandError

    settings.DEMO_CONTENT_ALLOWED = False  # what production settings say
    pages = Page.objects.count()
    with pytest.raises(CommandError, match="refuses to run under production"):
        call_command("load_demo", stdout=io.StringIO())
    assert Page.objects.count() == pages
    assert not LocationPage.objects.exists()
