"""Idempotent building blocks for demo content, shared by every demo module."""

from django.db import transaction
from wagtail.models import Collection, Page

from lantana.core.models import CustomImage

from .images import draw_portrait, draw_scene, image_file


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


def scene_image(spec: dict, size: tuple[int, int] | None = None) -> CustomImage:
    """An image from a content file's {title, alt, scene, seed}."""
    extra = {"size": size} if size else {}
    return get_or_create_image(
        spec["title"],
        spec["alt"],
        lambda: draw_scene(spec["scene"], spec["seed"], **extra),
    )


def portrait_image(full_name: str, seed: int) -> CustomImage:
    return get_or_create_image(
        f"Portrait of {full_name}",
        f"Illustrated portrait placeholder for {full_name}",
        lambda: draw_portrait(seed),
    )
