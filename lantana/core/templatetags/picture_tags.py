"""`{% picture %}`: Wagtail's tag, drawn in a fraction of the work.

Wagtail's PictureNode builds a Filter for every size and format on each render
(and each Filter parses its operations again), then draws the markup through
Django's attribute helpers, about 1,400 function calls a picture: a listing of
nine cards spent a fifth of its time there. The node here keeps the filters it
built the first time (a compiled template lives as long as the process) and
writes the same markup directly (`picture_html`, tested against Wagtail's
Picture for every shape we use). The renditions are found as Wagtail finds them.
"""

from functools import cache
from html import escape

from django import template
from django.apps import apps
from django.template import Engine
from django.utils.safestring import mark_safe
from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.images.templatetags import wagtailimages_tags

register = template.Library()


class PictureNode(wagtailimages_tags.PictureNode):
    def get_filters(self):
        filters = getattr(self, "_filters", None)
        if filters is None:
            filters = self._filters = super().get_filters()
        return filters

    def render(self, context):
        if self.output_var_name:
            return super().render(context)
        image = self.validate_image(context)
        if not image:
            return ""
        renditions = get_renditions_or_not_found(image, self.get_filters())
        attrs = {name: value.resolve(context) for name, value in self.attrs.items()}
        return picture_html(renditions, attrs)


@register.tag("picture")
def picture(parser, token):
    """`{% picture image format-{avif,webp,jpeg} fill-{480x320,960x640} … %}`,
    as Wagtail's (https://docs.wagtail.org/en/stable/topics/images.html)."""
    parsed = wagtailimages_tags.image(parser, token)
    return PictureNode(
        parsed.image_expr,
        parsed.filter_specs,
        output_var_name=parsed.output_var_name,
        attrs=parsed.attrs,
    )


@cache
def picture_node(arguments: str) -> PictureNode:
    """The `{% picture image … %}` node these arguments make, compiled once."""
    compiled = Engine.get_default().from_string(
        "{% load picture_tags %}{% picture image " + arguments + " %}"
    )
    return compiled.nodelist[-1]


def picture_specs(arguments: str) -> tuple[str, ...]:
    """The filter specs of the renditions such a `{% picture %}` shows."""
    return tuple(spec.spec for spec in picture_node(arguments).get_filters())


def printed_picture(image, arguments: str, **given) -> str:
    """`{% picture image … %}` drawn in Python, for printers of markup: its
    attributes are the tag's literals, but those `given` (such as alt=alt)."""
    node = picture_node(arguments)
    renditions = get_renditions_or_not_found(image, node.get_filters())
    attrs = {
        name: given[name] if name in given else literal.resolve({})
        for name, literal in node.attrs.items()
    }
    return picture_html(renditions, attrs)


def picture_html(renditions: dict, attrs: dict) -> str:
    """What wagtail.images.models.Picture(renditions, attrs).__html__() returns."""
    formats = Picture(renditions).formats
    if not formats:
        listed = list(renditions.values())
        if len(listed) > 1:
            attrs = {**attrs, "srcset": _srcset(listed)}
        return mark_safe(f"<picture>{_img(listed[0], attrs)}</picture>")  # noqa: S308
    order = Picture.source_format_order
    fallback = next(f.name for f in reversed(order) if f.name in formats)
    sources = "".join(
        "<source"
        + _attrs(
            {
                "srcset": _srcset(formats[f.name]),
                "sizes": attrs.get("sizes"),
                "type": f.mime_type,
            }
        )
        + ">"
        for f in order
        if f.name != fallback and f.name in formats
    )
    fallback_renditions = formats[fallback]
    if len(fallback_renditions) > 1:
        attrs = {**attrs, "srcset": _srcset(fallback_renditions)}
    # Safe: every value is escaped by _attrs, as Django's flatatt escapes them.
    html = f"<picture>{sources}{_img(fallback_renditions[0], attrs)}</picture>"
    return mark_safe(html)  # noqa: S308


def _srcset(renditions) -> str:
    if len(renditions) == 1:
        return renditions[0].url
    return ", ".join(f"{r.url} {r.width}w" for r in renditions)


def _img(rendition, extra: dict) -> str:
    """Rendition.img_tag(extra), as Wagtail draws it."""
    attrs = {
        "src": rendition.url,
        "width": rendition.width,
        "height": rendition.height,
        "alt": rendition.alt,
        **apps.get_app_config("wagtailimages").default_attrs,
        **extra,
    }
    return f"<img{_attrs(attrs)}>"


def _attrs(attrs: dict) -> str:
    """django.forms.utils.flatatt: key="value" pairs, then boolean attributes,
    each sorted by name."""
    pairs, flags = [], []
    for name, value in sorted(attrs.items(), key=lambda item: item[0]):
        if isinstance(value, bool):
            if value:
                flags.append(f" {name}")
        elif value is not None:
            pairs.append(f' {name}="{_escape(value)}"')
    return "".join(pairs) + "".join(flags)


def _escape(value) -> str:
    # django.utils.html.conditional_escape: what is already safe HTML stays as it is.
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value), quote=True)
