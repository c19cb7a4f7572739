"""Idempotent building blocks for demo content, shared by every app's demo module."""

from django.db import transaction
from wagtail.models import Collection, Page

from .demo_images import image_file
from .models import CustomImage


def get_or_create_page(parent: Page, model, slug: str, **fields) -> Page:
    """The live child of parent with this slug, created and published if missing.

    An existing page is returned as it is: a second load_demo never overwrites an
    editor's changes and never duplicates a page.
    """
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing is not None:
        return existing
    with transaction.atomic():
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
    return page


def get_or_create_image(title: str, alt_text: str, draw) -> CustomImage:
    """An image by title, drawn by draw() only the first time."""
    image = CustomImage.objects.filter(title=title).first()
    if image is None:
        image = CustomImage(
            title=title,
            description=alt_text,
            file=image_file(draw(), f"{title.lower().replace(' ', '-')}.jpg"),
            collection=Collection.get_first_root_node(),
        )
        image.save()
    return image


def stream(*blocks: tuple[str, object]) -> list[dict]:
    """StreamField raw data from (block type, value) pairs."""
    return [{"type": kind, "value": value} for kind, value in blocks]


def heading(text: str, level: str = "h2") -> tuple[str, dict]:
    return ("heading", {"text": text, "level": level})


def paragraphs(*texts: str) -> tuple[str, str]:
    return ("rich_text", "".join(f"<p>{text}</p>" for text in texts))
