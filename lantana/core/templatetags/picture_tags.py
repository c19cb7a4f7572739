"""`{% picture %}`: Wagtail's tag, with its filters read once per template.

Wagtail's PictureNode builds a Filter for every size and format on each render,
and each Filter parses its operations again (about a hundred a listing page).
The specs are part of the template, so the node here builds them the first time
it renders and keeps them: a compiled template lives as long as the process.
Everything else, the renditions found and the markup, is Wagtail's.
"""

from django import template
from wagtail.images.templatetags import wagtailimages_tags

register = template.Library()


class PictureNode(wagtailimages_tags.PictureNode):
    def get_filters(self):
        filters = getattr(self, "_filters", None)
        if filters is None:
            filters = self._filters = super().get_filters()
        return filters


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
