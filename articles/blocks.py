"""The article body: the shared blocks plus key takeaways, references, tables,
galleries, code and definition lists (the shapes WordPress articles carry)."""

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageChooserBlock

from lantana.core.blocks import (
    CallToActionBlock,
    CaptionedImageBlock,
    HeadingBlock,
    QuoteBlock,
)
from lantana.core.validators import LINK_HELP, validate_link

# Headings come from the heading block only, so the table of contents sees them all.
# h4 is a sub-heading inside a section, below the contents' levels.
ARTICLE_RICH_TEXT_FEATURES = [
    "bold",
    "italic",
    "link",
    "ol",
    "ul",
    "hr",
    "document-link",
    "h4",
    "superscript",
    "subscript",
    "strikethrough",
    "code",
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


class ArticleTableBlock(TableBlock):
    """Wagtail's table, with a caption and header row/column chosen by the editor."""

    class Meta:
        icon = "table"
        template = "blocks/table_block.html"
        description = "A table of facts, with an optional caption and header row."


class GalleryImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text="Leave empty to use the image's own alt text.",
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"


class GalleryBlock(blocks.StructBlock):
    images = blocks.ListBlock(GalleryImageBlock(), min_num=1)
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/gallery_block.html"
        description = "Several images side by side, each with its own caption."


class CodeBlock(blocks.StructBlock):
    text = blocks.TextBlock(help_text="Shown exactly as typed, in a fixed-width font.")

    class Meta:
        icon = "code"
        template = "blocks/code_block.html"
        preview_value = {
            "text": "Monday    9:00  group session\nTuesday   9:00  one-to-one"
        }
        description = "Preformatted text (code, a poem, a timetable) kept as typed."


class DefinitionBlock(blocks.StructBlock):
    term = blocks.CharBlock(max_length=200)
    definition = blocks.RichTextBlock(features=["bold", "italic", "link"])

    class Meta:
        icon = "doc-full"


class DefinitionListBlock(blocks.StructBlock):
    definitions = blocks.ListBlock(DefinitionBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/definition_list_block.html"
        preview_value = {
            "definitions": [
                {
                    "term": "Detox",
                    "definition": "<p>Medically supervised withdrawal.</p>",
                }
            ]
        }
        description = "Terms and what they mean, such as a glossary."


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
    table = ArticleTableBlock()
    gallery = GalleryBlock()
    code = CodeBlock()
    definition_list = DefinitionListBlock()
