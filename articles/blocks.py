"""The article body: the shared blocks plus key takeaways and references."""

from wagtail import blocks

from lantana.core.blocks import (
    CallToActionBlock,
    CaptionedImageBlock,
    HeadingBlock,
    QuoteBlock,
)
from lantana.core.validators import LINK_HELP, validate_link

# Headings come from the heading block only, so the table of contents sees them all.
ARTICLE_RICH_TEXT_FEATURES = [
    "bold",
    "italic",
    "link",
    "ol",
    "ul",
    "hr",
    "document-link",
]


class CalloutBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=80, default="Key takeaways")
    points = blocks.ListBlock(
        blocks.CharBlock(max_length=300), min_num=1, label="Points"
    )

    class Meta:
        icon = "tick-inverse"
        template = "blocks/callout_block.html"
        preview_value = {
            "heading": "Key takeaways",
            "points": [
                "Recovery is shaped by relationships as much as by medicine.",
                "Small, steady steps count.",
            ],
        }
        description = "A highlighted box of short points, such as key takeaways."


class ReferenceBlock(blocks.StructBlock):
    citation = blocks.CharBlock(
        max_length=400,
        help_text="Author, title, publisher or journal, year.",
    )
    url = blocks.URLBlock(
        required=False, label="Link", validators=[validate_link], help_text=LINK_HELP
    )

    class Meta:
        icon = "link"


class ReferencesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=80, default="Sources")
    references = blocks.ListBlock(ReferenceBlock(), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "blocks/references_block.html"
        preview_value = {
            "heading": "Sources",
            "references": [
                {
                    "citation": "Substance Abuse and Mental Health Services "
                    "Administration. Recovery and recovery support. 2024.",
                    "url": "",
                }
            ],
        }
        description = "A numbered list of the sources the article relies on."


class ArticleStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    rich_text = blocks.RichTextBlock(
        features=ARTICLE_RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="blocks/rich_text.html",
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    call_to_action = CallToActionBlock()
    references = ReferencesBlock()
