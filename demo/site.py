"""The demo site's ground floor: home page and Site, clinic details, pictures,
site-wide pages, the Charleston location and the main menu."""

from datetime import time

from wagtail.models import Site

from home.models import HomePage
from lantana.core.models import SiteSettings, SiteWording, StandardPage
from locations.models import (
    LocationIndexPage,
    LocationOperatingHours,
    LocationPage,
    LocationPhoto,
)

from .factories.core import base_url_address, ensure_root, make_site_root
from .pages import get_or_create_page, scene_image
from .text import read_text, stream_from_text


def load_home() -> tuple[HomePage, Site]:
    text = read_text("site")
    home = get_or_create_page(ensure_root(), HomePage, "home", **text["home"])
    # Where `make run` serves (PORT), so page and sitemap URLs point there.
    return home, make_site_root(home, *base_url_address())


def load_clinic(site: Site, home: HomePage) -> dict:
    """Site settings and the shared pictures; returns the pictures by key."""
    text = read_text("site")
    # From the database, never the cache: a cache kept from another database
    # (a re-created one, a restored backup) would say the details are there.
    clinic, _ = SiteSettings.objects.get_or_create(site=site)
    if not clinic.phone:
        for field, value in text["clinic"].items():
            setattr(clinic, field, value)
        clinic.save()
    wording = SiteWording.get_default()
    if not wording.footer_text:
        for field, value in text["wording"].items():
            setattr(wording, field, value)
        wording.save()
    images = {key: scene_image(spec) for key, spec in text["images"].items()}
    if home.hero_image_id is None:
        home.hero_image = images["hero"]
        home.save_revision().publish()
    return images


def load_pages(home: HomePage, images: dict) -> dict:
    """The standard pages, the location index and Charleston, then the home page's
    offerings (they link to the programs page)."""
    text = read_text("site")
    pages = {}
    for slug, fields in text["standard_pages"].items():
        children = fields.pop("children", {})
        page = get_or_create_page(home, StandardPage, slug, **page_fields(fields))
        for child_slug, child_fields in children.items():
            get_or_create_page(
                page, StandardPage, child_slug, **page_fields(child_fields)
            )
        pages[slug] = page
    index = get_or_create_page(
        home, LocationIndexPage, "locations", **text["locations"]
    )
    pages["locations"] = index
    pages["charleston"] = load_charleston(index, images, text)
    if not home.offerings:
        home.offerings = [
            {"type": "offering", "value": {**item, "page": pages["programs"].pk}}
            for item in text["home_offerings"]
        ]
        home.hero_cta_page = pages["admissions"]
        home.save_revision().publish()
    return pages


def page_fields(fields: dict) -> dict:
    if "body" in fields:
        fields["body"] = stream_from_text(fields["body"])
    return fields


def load_charleston(index: LocationIndexPage, images: dict, text: dict) -> LocationPage:
    existing = index.get_children().filter(slug="charleston").specific().first()
    if existing is not None:
        return existing
    fields = text["charleston"]
    fields["services"] = stream_from_text(fields["services"])
    charleston = LocationPage(
        slug="charleston", hero_image=images["location"], **fields
    )
    for hours in text["charleston_hours"]:
        opens, closes = hours["opens"], hours["closes"]
        charleston.hours.add(
            LocationOperatingHours(
                day=hours["day"],
                opens=time.fromisoformat(opens) if opens else None,
                closes=time.fromisoformat(closes) if closes else None,
                closed=opens is None,
            )
        )
    for key, caption in text["charleston_photos"].items():
        charleston.photos.add(LocationPhoto(image=images[key], caption=caption))
    index.add_child(instance=charleston)
    charleston.save_revision().publish()
    return charleston


def load_menu(site: Site, home: HomePage) -> None:
    """The main menu, once every page it links to exists; an edited menu is kept."""
    navigation = SiteWording.get_default()
    if navigation.main_menu:
        return
    children = {page.slug: page for page in home.get_children().live()}
    navigation.main_menu = [
        {"type": "link", "value": {"page": children[slug].pk, "url": "", "label": ""}}
        for slug in read_text("site")["main_menu"]
        if slug in children
    ]
    navigation.save()
