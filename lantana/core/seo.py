"""What search engines and link previews read about a page: its title with the
clinic's name once, and a description every page type has."""

from django.utils.html import strip_tags
from wagtail.rich_text import RichText

DESCRIPTION_LENGTH = 155
# Where a page's own summary lives, most specific first; the first one with text is
# used. Duck-typed so core needs no app's models (articles' summary, a clinician's
# short bio, the home page's hero text, a location's description, a body's first
# paragraph).
SUMMARY_FIELDS = (
    "search_description",
    "summary",
    "intro",
    "short_bio",
    "hero_text",
    "description",
    "biography",
    "body",
)
PARAGRAPH_BLOCKS = {"rich_text", "paragraph"}


def branded_title(title: str, brand: str) -> str:
    """ "Our team | Lantana Recovery", or the title alone if it already names the
    clinic ("Lantana Recovery | Addiction treatment in Charleston")."""
    title, brand = (title or "").strip(), (brand or "").strip()
    if not title or not brand:
        return title or brand
    if brand.casefold() in title.casefold():
        return title
    return f"{title} | {brand}"


def plain_text(value) -> str:
    """The words of a text, rich text or stream field value, without markup; for a
    stream, its first paragraph block's. Reads stored HTML: no query."""
    if isinstance(value, RichText):
        value = value.source
    if isinstance(value, str):
        return " ".join(strip_tags(value).split())
    # A stream's raw data: reading its blocks would load every image it names.
    for block in getattr(value, "raw_data", ()):
        if block.get("type") in PARAGRAPH_BLOCKS and isinstance(
            block.get("value"), str
        ):
            text = plain_text(block["value"])
            if text:
                return text
    return ""


def page_description(page, limit: int = DESCRIPTION_LENGTH) -> str:
    """The page's own search description, else its summary, intro or first
    paragraph, cut at a word boundary to about `limit` characters."""
    if page is None:
        return ""
    for name in SUMMARY_FIELDS:
        text = plain_text(getattr(page, name, ""))
        if text:
            return trim_at_word(text, limit)
    return ""


def trim_at_word(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:-–—") + "…"
