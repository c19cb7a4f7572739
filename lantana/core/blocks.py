"""Blocks shared by every page type; apps import these rather than redefine them."""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from .validators import LINK_HELP, validate_link

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "hr", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section (h2)"), ("h3", "Subsection (h3)")], default="h2"
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        preview_value = {"text": "What to expect on your first day", "level": "h2"}
        description = "A section heading; it also appears in the table of contents."


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text="Describe the image for people who cannot see it. "
        "Leave empty to use the image's own alt text.",
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/captioned_image_block.html"
        description = "An image with alt text and an optional caption."


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600)
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        preview_value = {
            "quote": "Recovery did not happen to me alone. It happened among people.",
            "attribution": "A Lantana alumna",
        }
        description = "A pull quote with an optional attribution."


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False, max_length=400)
    link_page = blocks.PageChooserBlock(required=False)
    link_url = blocks.CharBlock(
        required=False,
        max_length=300,
        help_text=f"Used when no page is chosen. {LINK_HELP}",
        validators=[validate_link],
    )
    link_label = blocks.CharBlock(max_length=60, default="Talk to our admissions team")

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"
        preview_value = {
            "heading": "Ready to talk?",
            "text": "Our admissions team answers every day, and calls are confidential.",
            "link_url": "/chat/",
            "link_label": "Chat with us",
        }
        description = "A highlighted box that invites the reader to reach out."


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    rich_text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, icon="pilcrow", template="blocks/rich_text.html"
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
