"""The one clinician card, as other apps include it (e.g. the article author box)."""

from bs4 import BeautifulSoup
from django.template.loader import render_to_string


def render_card(clinician, **options) -> BeautifulSoup:
    html = render_to_string(
        "components/clinician_card.html", {"clinician": clinician, **options}
    )
    return BeautifulSoup(html, "html.parser")


def test_author_box_variant_with_bio_and_h2(maya):
    card = render_card(maya, heading_level=2, show_bio=True)
    assert card.h2.get_text(strip=True) == "Maya Okafor, LMSW"
    assert card.h2.a["href"] == maya.url
    assert card.select_one(".clinician-card__bio").get_text() == maya.short_bio


def test_listing_variant_without_bio_and_h3(maya):
    card = render_card(maya, heading_level=3)
    assert card.h2 is None
    assert card.h3.get_text(strip=True) == "Maya Okafor, LMSW"
    assert card.select_one(".clinician-card__bio") is None
    img = card.select_one("img")
    assert img["alt"] == "" and img["loading"] == "lazy"


def test_no_photo_and_no_bio(make_clinician):
    clinician = make_clinician(first_name="Tamika", last_name="Grant", short_bio="")
    card = render_card(clinician, heading_level=2, show_bio=True)
    assert card.select_one("img") is None
    assert card.select_one(".clinician-card__initials").get_text() == "TG"
    assert card.select_one(".clinician-card__bio") is None
