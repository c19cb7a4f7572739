"""Images a page shows, read with their renditions in two queries whatever their number."""

from wagtail.images import get_image_model


def load_images(holders) -> None:
    """Set each `(obj, field)` pair's image (`obj.<field>_id`) from one query, with
    its renditions prefetched in a second, so no `{% picture %}` asks again."""
    holders = list(holders)
    ids = {getattr(obj, f"{field}_id") for obj, field in holders} - {None}
    images = {}
    if ids:
        images = (
            get_image_model()
            .objects.filter(pk__in=ids)
            .prefetch_related("renditions")
            .in_bulk()
        )
    for obj, field in holders:
        setattr(obj, field, images.get(getattr(obj, f"{field}_id")))


def rendition(image, spec: str):
    """One rendition of `image`. Unlike Image.get_rendition, which writes it to the
    rendition cache on every call, a prefetched rendition is used as it is."""
    return image.get_renditions(spec)[spec]
