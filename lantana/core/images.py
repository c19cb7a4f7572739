"""Images a page shows, read with their renditions in two queries whatever their number."""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from functools import cache

from wagtail.images import get_image_model

from .rows import Rows


@cache
def image_rows() -> tuple[Rows, Rows]:
    """The image model's rows and its renditions' (read once the models are loaded)."""
    model = get_image_model()
    return Rows(model), Rows(model.get_rendition_model())


def read_images(ids, specs: Sequence[str] | None = None) -> dict:
    """{id: image} for `ids` (None ignored), each with every rendition it has (or
    only those of `specs`), in two queries written once: what
    `.prefetch_related("renditions").in_bulk()` reads, the renditions left where
    Wagtail looks for prefetched ones (`prefetched_renditions`), each pointing
    back at its image. A rendition of `specs` not made yet is made by Wagtail
    when a template asks for it, as with a prefetch."""
    found = image_rows()[0].in_bulk(ids)
    read_renditions(found, specs)
    return found


def read_renditions(images: dict, specs: Sequence[str] | None = None) -> None:
    """Leave on each of `images` ({id: image}) its renditions (or only those of
    `specs`), as read_images does, in one query written once (none for none)."""
    if not images:
        return
    renditions = image_rows()[1]
    keys = list(images)
    where = f"{renditions.column('image')} IN ({_marks(keys)})"
    if specs is not None:
        where += f" AND {renditions.column('filter_spec')} IN ({_marks(specs)})"
        keys += specs
    _attach(images, renditions.read(where, keys))


def read_images_shown(shown: Mapping) -> dict:
    """{id: image} for the images of `shown` ({image id: the filter specs of the
    renditions a page shows of it}; None ignored), each with only those
    renditions, in two queries: an image has a dozen (each size of every place
    it appears), a page shows two or three of each."""
    shown = {key: specs for key, specs in shown.items() if key is not None}
    images = image_rows()[0].in_bulk(shown)
    if not images:
        return images
    renditions = image_rows()[1]
    groups = defaultdict(list)
    for key in images:
        groups[tuple(sorted(shown[key]))].append(key)
    image, spec = renditions.column("image"), renditions.column("filter_spec")
    clauses, params = [], []
    for specs, keys in groups.items():
        clauses.append(f"({image} IN ({_marks(keys)}) AND {spec} IN ({_marks(specs)}))")
        params += [*keys, *specs]
    _attach(images, renditions.read(" OR ".join(clauses), params))
    return images


def _marks(values) -> str:
    return ", ".join(["%s"] * len(values))


def _attach(images: dict, renditions) -> None:
    for image in images.values():
        image.prefetched_renditions = []
    back = image_rows()[1].model._meta.get_field("image")
    for rendition in renditions:
        image = images[rendition.image_id]
        back.set_cached_value(rendition, image)
        image.prefetched_renditions.append(rendition)


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
