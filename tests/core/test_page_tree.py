import pytest
from wagtail.models import Page

from home.models import HomePage
from lantana.core.models import StandardPage
from locations.models import LocationIndexPage, LocationPage


@pytest.mark.parametrize(
    ("child", "parent", "allowed"),
    [
        (HomePage, Page, True),
        (StandardPage, HomePage, True),
        (StandardPage, StandardPage, True),
        (LocationIndexPage, HomePage, True),
        (LocationPage, LocationIndexPage, True),
        (LocationPage, HomePage, False),
        (LocationPage, StandardPage, False),
        (LocationIndexPage, StandardPage, False),
        (StandardPage, LocationIndexPage, False),
        (StandardPage, LocationPage, False),
        (HomePage, HomePage, False),
        (HomePage, StandardPage, False),
    ],
)
def test_page_type_rules(child, parent, allowed, db):
    assert (child in parent.allowed_subpage_models()) is allowed


def test_location_pages_have_no_children(db):
    assert LocationPage.allowed_subpage_models() == []
