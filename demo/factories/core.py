"""Factories for lantana.core, and the site tree's root and Site; tests and load_demo
build content from the same code."""

import zlib
from urllib.parse import urlsplit

import factory
import wagtail_factories
from django.conf import settings
from factory.django import DjangoModelFactory
from wagtail.models import Collection, Page, Site

from lantana.core import models

from ..images import draw_scene, image_file


class ImageFactory(DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Picture {n}")
    description = "An illustration of Charleston row houses in warm evening light"
    file = factory.LazyAttribute(
        lambda o: image_file(
            draw_scene("street", zlib.crc32(o.title.encode()), (640, 427)), "demo.jpg"
        )
    )
    collection = factory.LazyFunction(lambda: Collection.get_first_root_node())

    class Meta:
        model = models.CustomImage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    intro = "A short introduction."

    class Meta:
        model = models.StandardPage


def ensure_root() -> Page:
    """The tree's root as Wagtail's migrations made it, ready for our home page."""
    root = Page.get_first_root_node()
    # Wagtail's migrations leave a plain "Welcome" page where our home page belongs.
    for welcome in root.get_children().filter(content_type__app_label="wagtailcore"):
        welcome.delete()
    return root


def base_url_address() -> tuple[str, int]:
    """The host and port WAGTAILADMIN_BASE_URL names: where the site is served
    (in dev, http://127.0.0.1:$PORT)."""
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    default_port = 443 if address.scheme == "https" else 80
    return address.hostname or "localhost", address.port or default_port


def make_site_root(page: Page, hostname: str = "localhost", port: int = 80) -> Site:
    """Point the default Site at page, replacing Wagtail's welcome page if present."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True)
    site.hostname, site.port, site.root_page = hostname, port, page
    site.site_name = page.title
    site.save()
    return site
