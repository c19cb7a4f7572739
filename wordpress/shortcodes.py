"""WordPress shortcodes ([caption], [gallery], [embed] …) turned into plain HTML or text.

A bracketed word counts as a shortcode only when WordPress would have treated it as
one: a known name, attributes, a closing tag, or a plugin-style name with - or _.
"[sic]" or "[1]" in prose stays as written.
"""

import html
import re

SHORTCODE = re.compile(
    r"\[(\[?)(/?)([A-Za-z][\w-]*)((?:\s[^\[\]]*?)?)(/?)\](\]?)", re.DOTALL
)
ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
CAPTION = re.compile(
    r"\[(caption|wp_caption)([^\]]*)\](.*?)\[/\1\]", re.DOTALL | re.IGNORECASE
)
CAPTION_IMAGE = re.compile(
    r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.DOTALL | re.IGNORECASE
)
EMBED = re.compile(r"\[embed([^\]]*)\](.*?)\[/embed\]", re.DOTALL | re.IGNORECASE)
MEDIA = {"video", "audio", "playlist"}
# Shortcodes whose content is ordinary text worth keeping without comment.
TEXT_WRAPPERS = {"column", "one_half", "one_third", "two_thirds", "row", "box", "note"}
KNOWN = {"caption", "wp_caption", "gallery", "embed", *MEDIA, *TEXT_WRAPPERS}


def attributes(text: str) -> dict[str, str]:
    return {
        match.group(1).lower(): html.unescape(
            next(group for group in match.groups()[1:] if group is not None)
        )
        for match in ATTRIBUTE.finditer(text or "")
    }


def _caption(match: re.Match) -> str:
    attrs = attributes(match.group(2))
    inner = match.group(3)
    found = CAPTION_IMAGE.match(inner)
    image, caption = (found.group(1), found.group(2)) if found else (inner, "")
    caption = caption.strip() or attrs.get("caption", "")
    wp_id = attrs.get("id", "").removeprefix("attachment_")
    return (
        f'<figure class="wp-caption" data-wp-id="{html.escape(wp_id)}">{image}'
        f"<figcaption>{caption}</figcaption></figure>"
    )


def _embed(match: re.Match) -> str:
    url = match.group(2).strip()
    return f'<iframe src="{html.escape(url)}"></iframe>'


GALLERY_ATTRIBUTES = ("ids", "include", "exclude", "id", "orderby", "order")
MEDIA_SOURCES = ("src", "mp3", "m4a", "ogg", "wav", "mp4", "webm", "ogv", "m4v", "flv")


def _gallery(attrs: dict[str, str]) -> str:
    """A marker the body converter turns into a gallery of the attachments named
    (ids/include) or, without ids, of the post's own attachments."""
    kept = "".join(
        f' data-{name}="{html.escape(attrs[name])}"'
        for name in GALLERY_ATTRIBUTES
        if name in attrs
    )
    return f"<div data-gallery{kept}></div>"


def expand_shortcodes(text: str) -> tuple[str, list[str]]:
    """The HTML with shortcodes replaced, and a line for each one that was dropped."""
    notes: list[str] = []
    text = CAPTION.sub(_caption, text)
    text = EMBED.sub(_embed, text)
    closing = {name.lower() for name in re.findall(r"\[/([A-Za-z][\w-]*)\]", text)}

    def replace(match: re.Match) -> str:
        escaped_open, slash, name, attrs, _self_closing, escaped_close = match.groups()
        if escaped_open and escaped_close:  # [[name]] is WordPress for a literal [name]
            return match.group(0)[1:-1]
        lowered = name.lower()
        looks_like = (
            lowered in KNOWN
            or lowered in closing
            or "=" in attrs
            or "-" in name
            or "_" in name
        )
        if not looks_like:
            return match.group(0)
        if slash:
            return ""
        if lowered == "gallery":
            return _gallery(attributes(attrs))
        if lowered in MEDIA:
            found = attributes(attrs)
            src = next((found[key] for key in MEDIA_SOURCES if found.get(key)), "")
            notes.append(f"a [{lowered}] shortcode became a link")
            tag = "audio" if lowered == "audio" else "video"
            return f'<{tag} src="{html.escape(src)}"></{tag}>' if src else ""
        if lowered not in TEXT_WRAPPERS:
            notes.append(f"unknown shortcode [{name}] removed (any text inside kept)")
        return ""

    return SHORTCODE.sub(replace, text), notes
