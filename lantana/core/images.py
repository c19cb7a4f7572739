"""Images a page shows, read with their renditions in two queries whatever their number."""

from functools import cache

from wagtail.images import get_image_model

from .rows import Rows


@cache
def image_rows() -> tuple[Rows, Rows]:
    """The image model's rows and its renditions' (read once the models are loaded)."""
    model = get_image_model()
    return Rows(model), Rows(model.get_rendition_model())


def read_images(ids) -> dict:
    """{id: image} for `ids` (None ignored), each with every rendition it has, in
    two queries written once: what `.prefetch_related("renditions").in_bulk()`
    reads, the renditions left where Wagtail looks for prefetched ones
    (`prefetched_renditions`), each pointing back at its image."""
    images, renditions = image_rows()
    found = images.in_bulk(ids)
    if not found:
        return found
    for image in found.values():
        image.prefetched_renditions = []
    keys = list(found)
    image_id = renditions.column("image")
    back = renditions.model._meta.get_field("image")
    for rendition in renditions.read(
        f"{image_id} IN ({', '.join(['%s'] * len(keys))})", keys
    ):
        image = found[rendition.image_id]
        back.set_cached_value(rendition, image)
        image.prefetched_renditions.append(rendition)
    return found


def load_images(holders) -> None:
    """Set each `(obj, field)` pair's image (`obj.<field>_id`) from one query, with
    its renditions in a second (read_images), so no `{% picture %}` asks again."""
    holders = list(holders)
    images = read_images(getattr(obj, f"{field}_id") for obj, field in holders)
    for obj, field in holders:
        setattr(obj, field, images.get(getattr(obj, f"{field}_id")))


def rendition(image, spec: str):
    """One rendition of `image`. Unlike Image.get_rendition, which writes it to the
    rendition cache on every call, a prefetched rendition is used as it is."""
    return image.get_renditions(spec)[spec]
