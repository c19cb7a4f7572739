"""WordPress post HTML -> StreamField blocks, through Wagtail's rich-text whitelist.

Headings become heading blocks (so our table of contents and anchors work),
captioned images become image blocks, galleries gallery blocks, tables table
blocks, preformatted text code blocks, definition lists definition-list blocks, a
"Sources" list becomes a references block, the rest becomes rich text (with h4,
sub/superscript, strikethrough and inline code where the page type allows them). Hand-made tables of contents and author boxes are taken
out (the article template builds both), and nothing executable, embedded or styled
survives: scripts and styles are dropped, an embed becomes a plain link.
"""

import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import (
    BeautifulSoup,
    CData,
    Comment,
    Declaration,
    Doctype,
    MarkupResemblesLocatorWarning,
    NavigableString,
    ProcessingInstruction,
    Tag,
)
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from .shortcodes import expand_shortcodes
from .text import fix_text

HEADING_MAX = 120
CAPTION_MAX = 250
QUOTE_MAX = 600
CITATION_MAX = 400
CALLOUT_POINT_MAX = 300

# Comments (block-editor markers among them) and declarations are never text.
NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction, CData)
# Dropped with everything inside; reported when they held something.
DROPPED = {
    "script": "a <script>",
    "style": "a <style> block",
    "noscript": None,
    "template": None,
    "form": "a form",
    "input": None,
    "button": None,
    "select": None,
    "textarea": None,
    "svg": None,
    "canvas": None,
    "object": "an embedded object",
    "applet": "an embedded object",
    "link": None,
    "meta": None,
    "head": None,
    "title": None,
}
EMBED_TAGS = {"iframe", "embed", "video", "audio", "source"}
MEDIA_LABELS = {"audio": "Listen to the recording", "video": "Watch the video"}
INLINE = {
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del",
    "dfn", "em", "font", "i", "ins", "kbd", "label", "mark", "q", "s", "samp",
    "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var",
    "wbr", "br",
}  # fmt: skip
# Inline tags renamed to the one Wagtail's rich text keeps for the same meaning.
RENAMED = {
    "del": "s", "strike": "s", "tt": "code", "kbd": "code", "samp": "code",
    "var": "i", "dfn": "i",
}  # fmt: skip
INLINE_FEATURES = {
    "sub": "subscript", "sup": "superscript", "s": "strikethrough", "code": "code"
}  # fmt: skip
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
MARKED = re.compile(f"{MARK_OPEN}(/?(?:sub|sup|s|code)){MARK_CLOSE}")
GALLERY_MARKERS = re.compile(r"(wp-block-gallery|tiled-gallery|^gallery$|wp-gallery)")
CONTAINERS = {
    "div", "section", "article", "main", "header", "footer", "aside", "nav",
    "center", "body", "html", "details", "summary", "address", "hgroup",
}  # fmt: skip
TOC_MARKERS = re.compile(
    r"(ez-toc|lwptoc|wp-block-table-of-contents|toc_container|rank-math-toc|"
    r"yoast-table-of-contents|table-of-contents|^toc$|^toc[-_])",
    re.IGNORECASE,
)
TOC_LABEL = re.compile(
    r"^\s*(jump to( a)? section|table of contents|contents|in this (article|post|guide)"
    r"|on this page|quick links|skip to( a)? section|what you.ll (learn|find))\b",
    re.IGNORECASE,
)
AUTHOR_BOX = re.compile(
    r"(author-box|author-bio|about-author|author_box|saboxplugin|abh_box|"
    r"wp-block-post-author|authorbox|author-info)",
    re.IGNORECASE,
)
RELATED_MARKERS = re.compile(r"(yarpp|jp-relatedposts|crp_related|related-posts)", re.I)
SOURCES_LABEL = re.compile(
    r"^\s*(sources|references|citations|bibliography|works cited|further reading)\s*:?\s*$",
    re.IGNORECASE,
)
TAKEAWAYS_LABEL = re.compile(r"^\s*(key takeaways|at a glance|in short)\s*:?\s*$", re.I)
WP_IMAGE_CLASS = re.compile(r"^wp-image-(\d+)$")
LISTS = {"ul", "ol"}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}


def soup(markup: str) -> BeautifulSoup:
    """html.parser without BeautifulSoup's warning when text looks like a file name."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return BeautifulSoup(markup, "html.parser")


@dataclass
class ImageRef:
    src: str
    wp_id: str = ""
    alt: str = ""


@dataclass
class Converted:
    blocks: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    author_bio: str = ""

    def first_sentence(self) -> str:
        """The first sentence of the first paragraph that is prose, not a label
        such as "Headings" or "Link:"."""
        for block in self.blocks:
            if block["type"] == "rich_text":
                for paragraph in soup(block["value"]).find_all("p"):
                    for gone in paragraph.find_all(["s", "br"]):
                        gone.replace_with(" " if gone.name == "br" else "")
                    text = _clean_text(paragraph.get_text())
                    label = paragraph.find(["b", "strong", "i", "em"])
                    if label and _clean_text(label.get_text(" ")) == text:
                        continue
                    if len(text.split()) >= 4 and not text.endswith(":"):
                        return SENTENCE_END.split(text, 1)[0]
        return ""


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


def _clean_text(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def shorten(text: str, limit: int) -> str:
    """Text cut at a word boundary to fit limit characters, with an ellipsis."""
    text = _clean_text(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.-–— ")
    return f"{cut}…"


def _classes(tag: Tag) -> str:
    return " ".join([*tag.get("class", []), tag.get("id", "")])


class BodyConverter:
    """One post's HTML to blocks. `resolve_image(ref)` returns an image id or None.

    `block_types` is the StreamBlock's child names: a page type without a
    references, callout, table, gallery or code block gets the nearest plain
    shape instead. `resolve_link(url)` returns ("page" or "document", id) for a
    link to something imported from the old site, else None. `gallery_ids(attrs)`
    returns the attachment ids a [gallery] shortcode shows.
    """

    def __init__(
        self,
        *,
        features: list[str],
        block_types: set[str],
        resolve_image: Callable[[ImageRef], int | None],
        old_hosts: set[str],
        resolve_link: Callable[[str], tuple[str, int] | None] = lambda url: None,
        gallery_ids: Callable[[dict], list[str]] = lambda attrs: [],
    ):
        self.converter = EditorHTMLConverter(features=features)
        self.features = set(features)
        self.block_types = block_types
        self.resolve_image = resolve_image
        self.resolve_link = resolve_link
        self.gallery_ids = gallery_ids
        self.old_hosts = {host.lower() for host in old_hosts if host}

    def convert(self, html: str) -> Converted:
        self.result = Converted()
        self.loose: list[str] = []
        self.rich: list[str] = []
        html, notes = expand_shortcodes(fix_text(html))
        self.note(*notes)
        tree = soup(html)
        self.strip_unsafe(tree)
        self.take_out_boxes(tree)
        self.normalise_inline(tree)
        self.walk(tree)
        self.flush_rich()
        return self.result

    def note(self, *lines: str) -> None:
        for line in lines:
            if line not in self.result.notes:
                self.result.notes.append(line)

    # 1. What never survives -------------------------------------------------
    def strip_unsafe(self, soup: BeautifulSoup) -> None:
        for markup in soup.find_all(string=lambda s: isinstance(s, NOT_TEXT)):
            markup.extract()
        for tag in soup.find_all(list(DROPPED)):
            if tag.decomposed:  # inside another dropped tag, already gone
                continue
            if DROPPED[tag.name] and tag.get_text(strip=True) or tag.name == "script":
                self.note(f"removed {DROPPED[tag.name]}")
            tag.decompose()
        for tag in soup.find_all(list(EMBED_TAGS)):
            if tag.decomposed:
                continue
            source = tag.find("source")
            src = tag.get("src") or (source.get("src", "") if source else "")
            title = tag.get("title", "") or MEDIA_LABELS.get(tag.name, "")
            link = self.embed_link(soup, src, title)
            if link is not None:
                tag.replace_with(link)
                self.note(
                    f"an embed ({urlsplit(self.absolute(src)).hostname}) became a link"
                )
            else:
                tag.decompose()
        for tag in soup.find_all(class_=re.compile(r"wp-block-embed")):
            if tag.decomposed:
                continue
            url = _clean_text(tag.get_text(" ")).split(" ")[0]
            link = self.embed_link(soup, url, "")
            if link is not None:
                tag.replace_with(link)
                self.note(f"an embed ({urlsplit(url).hostname}) became a link")
        for tag in soup.find_all(True):
            for attribute in ("style", "onclick", "onload", "onerror"):
                tag.attrs.pop(attribute, None)

    def embed_link(self, soup, src: str, title: str) -> Tag | None:
        url = self.absolute(src)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return None
        paragraph = soup.new_tag("p")
        link = soup.new_tag("a", href=url)
        link.string = (
            _clean_text(title) or f"View on {parts.hostname.removeprefix('www.')}"
        )
        paragraph.append(link)
        return paragraph

    def absolute(self, url: str) -> str:
        url = (url or "").strip()
        return f"https:{url}" if url.startswith("//") else url

    def normalise_inline(self, tree: BeautifulSoup) -> None:
        """Inline tags to what rich text keeps; an abbreviation keeps its title
        in words, since a title attribute never reaches a phone's reader."""
        for tag in tree.find_all(["abbr", "acronym"]):
            title = _clean_text(tag.get("title", ""))
            words = _clean_text(tag.get_text(" "))
            if title and title.lower() not in words.lower():
                tag.replace_with(f"{words} ({title})")
            else:
                tag.unwrap()
        for tag in tree.find_all("q"):
            tag.insert(0, "“")
            tag.append("”")
            tag.unwrap()
        for tag in tree.find_all(list(RENAMED)):
            tag.name, tag.attrs = RENAMED[tag.name], {}

    # 2. Boxes our templates build themselves -------------------------------
    def take_out_boxes(self, soup: BeautifulSoup) -> None:
        for tag in soup.find_all(True):
            if tag.decomposed:
                continue
            marks = _classes(tag)
            if AUTHOR_BOX.search(marks):
                self.result.author_bio = self.result.author_bio or self.bio_from(tag)
                tag.decompose()
                self.note("took out the author box (the article shows its author's)")
            elif any(TOC_MARKERS.search(name) for name in marks.split()):
                tag.decompose()
                self.note(
                    "dropped a table-of-contents box (ours is built from headings)"
                )
            elif RELATED_MARKERS.search(marks):
                tag.decompose()
                self.note("dropped a related-posts box (ours is built from topics)")

    def bio_from(self, box: Tag) -> str:
        paragraphs = [_clean_text(p.get_text(" ")) for p in box.find_all("p")]
        text = " ".join(p for p in paragraphs if p)
        return text or _clean_text(box.get_text(" "))

    # 3. Walking the tree ----------------------------------------------------
    def walk(self, container: Tag) -> None:
        children = list(container.children)
        skip = set()
        for position, child in enumerate(children):
            if position in skip:
                continue
            if (
                isinstance(child, Tag)
                and child.name == "code"
                and "\n" in (child.get_text().strip())
            ):
                self.flush_loose()
                self.code(child)
                continue
            if isinstance(child, NavigableString) or (
                child.name in INLINE and not child.find(_is_block)
            ):
                if isinstance(child, Tag) and child.find("img"):
                    self.flush_loose()
                    self.images_in(child)
                    if not _clean_text(child.get_text(" ")):
                        continue
                self.loose.append(str(child))
                continue
            self.flush_loose()
            following = _next_tag(children, position)
            if following is not None and self.is_toc(child, children[following]):
                skip.add(following)
                self.note("dropped a hand-made “Jump to section” list")
                continue
            if following is not None and self.special_list(child, children[following]):
                skip.add(following)
                continue
            self.block(child)
            if child.name == "blockquote" and following is not None:
                skip.update(self.take_citation(children, following))
        self.flush_loose()

    def take_citation(self, children: list, position: int) -> set[int]:
        """A classic quote's "<cite>Who</cite> - where" line, just after it; the
        positions it used up."""
        cite = children[position]
        if cite.name != "cite" or not self.result.blocks:
            return set()
        last = self.result.blocks[-1]
        if last["type"] != "quote" or last["value"]["attribution"]:
            return set()
        words, used = cite.get_text(" "), {position}
        rest = children[position + 1] if position + 1 < len(children) else None
        if isinstance(rest, NavigableString) and not isinstance(rest, NOT_TEXT):
            line, _newline, remainder = str(rest).partition("\n")
            words += line
            self.loose.append(remainder)
            used.add(position + 1)
        last["value"]["attribution"] = shorten(words.strip(" -–—"), 120)
        return used

    def block(self, tag: Tag) -> None:
        name = tag.name
        if name in ("h1", "h2", "h3"):
            self.heading(tag, "h3" if name == "h3" else "h2")
        elif name in ("h4", "h5", "h6"):
            text = _clean_text(tag.get_text(" "))
            if text and "h4" in self.features:
                self.rich.append(f"<h4>{_escape(text)}</h4>")
            elif text:
                self.rich.append(f"<p><b>{_escape(text)}</b></p>")
        elif name == "p":
            if tag.find("img"):
                self.images_in(tag)
            if _clean_text(tag.get_text(" ")):
                self.rich.append(str(tag))
        elif name in ("ul", "ol"):
            if self.is_toc_list(tag):
                self.note("dropped a hand-made “Jump to section” list")
                return
            images = tag.find_all("img")
            for image in images:
                image.extract()
            self.rich.append(str(tag))
            for image in images:
                self.image(image, "")
        elif name == "blockquote":
            self.quote(tag)
        elif name == "div" and tag.get("data-gallery") is not None:
            self.shortcode_gallery(tag)
        elif GALLERY_MARKERS.search(" ".join(tag.get("class", []))):
            self.gallery(tag.find_all("img"), _figure_caption(tag, direct=True))
        elif name == "figure" or "wp-caption" in tag.get("class", []):
            self.figure(tag)
        elif name == "img":
            self.image(tag, "")
        elif name == "hr":
            self.rich.append("<hr>")
        elif name == "table":
            self.table(tag)
        elif name == "pre":
            self.code(tag)
        elif name == "dl":
            self.definitions(tag)
        elif name == "li":
            self.rich.append(f"<ul>{tag}</ul>")
        else:  # div, section, span with blocks inside, unknown tags: their content
            self.walk(tag)

    # 4. Blocks --------------------------------------------------------------
    def heading(self, tag: Tag, level: str) -> None:
        text = _clean_text(tag.get_text(" "))
        if not text:
            return
        if len(text) > HEADING_MAX:
            self.rich.append(f"<p><b>{_escape(text)}</b></p>")
            self.note("a heading longer than 120 characters became bold text")
            return
        self.emit("heading", {"text": text, "level": level})

    def quote(self, tag: Tag) -> None:
        cite = tag.find(["cite", "footer"])
        attribution = _clean_text(cite.get_text(" ")) if cite else ""
        if cite:
            cite.decompose()
        text = "\n\n".join(
            _clean_text(p.get_text(" ")) for p in tag.find_all("p")
        ) or _clean_text(tag.get_text(" "))
        if not text:
            return
        attribution = attribution.lstrip("—–- ")
        if len(text) <= QUOTE_MAX and "quote" in self.block_types:
            self.emit(
                "quote", {"quote": text, "attribution": shorten(attribution, 120)}
            )
        else:
            self.rich.append(f"<p><i>{_escape(text)}</i></p>")

    def figure(self, tag: Tag) -> None:
        caption_tag = tag.find(["figcaption"]) or tag.find(class_="wp-caption-text")
        caption = _clean_text(caption_tag.get_text(" ")) if caption_tag else ""
        if caption_tag:
            caption_tag.decompose()
        images = tag.find_all("img")
        if not images:
            if tag.find("blockquote"):
                self.quote(tag.find("blockquote"))
            elif tag.find("table"):
                self.table(tag.find("table"))
            else:
                self.walk(tag)
            return
        if len(images) > 1 and "gallery" in self.block_types:
            self.gallery(images, caption)
            return
        for position, image in enumerate(images):
            self.image(image, caption if position == len(images) - 1 else "")

    def images_in(self, tag: Tag) -> None:
        for image in tag.find_all("img"):
            wrapper = image.parent
            image.extract()
            if (
                wrapper is not None
                and wrapper.name == "a"
                and not wrapper.get_text(strip=True)
            ):
                wrapper.decompose()
            self.image(image, "")

    def image_value(self, tag: Tag, caption: str) -> dict | None:
        wp_id = tag.get("data-wp-id", "")
        for name in tag.get("class", []):
            match = WP_IMAGE_CLASS.match(name)
            if match:
                wp_id = match.group(1)
        ref = ImageRef(
            src=self.absolute(tag.get("src", "")), wp_id=wp_id, alt=tag.get("alt", "")
        )
        image_id = self.resolve_image(ref)
        if image_id is None:
            return None
        return {
            "image": image_id,
            "alt_text": shorten(fix_text(ref.alt), CAPTION_MAX),
            "caption": shorten(caption, CAPTION_MAX),
        }

    def image(self, tag: Tag, caption: str) -> None:
        value = self.image_value(tag, caption)
        if value is not None:
            self.emit("image", value)

    def gallery(self, images: list[Tag], caption: str = "") -> None:
        """Several images as one gallery block, each with its own caption."""
        if "gallery" not in self.block_types:
            for image in images:
                self.image(image, _figure_caption(image.parent))
            return
        values = []
        for image in images:
            value = self.image_value(image, _figure_caption(image.parent))
            if value is not None:
                values.append(value)
        if values:
            self.emit("gallery", {"images": values, "caption": shorten(caption, 250)})

    def shortcode_gallery(self, tag: Tag) -> None:
        attrs = {key.removeprefix("data-"): value for key, value in tag.attrs.items()}
        ids = self.gallery_ids(attrs)
        if not ids:
            self.note("a [gallery] with no images the export names was left out")
            return
        images = []
        for wp_id in ids:
            image = soup("<img>").img
            image["data-wp-id"] = wp_id
            images.append(image)
        self.gallery(images)

    def code(self, tag: Tag) -> None:
        text = tag.get_text().strip("\n")
        if not text.strip():
            return
        if "code" in self.block_types:
            self.emit("code", {"text": text})
        else:
            self.rich.append(f"<p>{_escape(text)}</p>".replace("\n", "<br>"))

    def definitions(self, tag: Tag) -> None:
        items, term = [], None
        for child in tag.find_all(["dt", "dd"]):
            text = _clean_text(child.get_text(" "))
            if child.name == "dt":
                term = text
            elif term is not None:
                inner = "".join(str(part) for part in child.contents)
                items.append({"term": shorten(term, 200), "definition": inner})
        if items and "definition_list" in self.block_types:
            for item in items:
                item["definition"] = self.rich_value(f"<p>{item['definition']}</p>")
            self.emit("definition_list", {"definitions": items})
            return
        for item in tag.find_all(["dt", "dd"]):
            self.rich.append(f"<p>{_escape(_clean_text(item.get_text(' ')))}</p>")

    def table(self, tag: Tag) -> None:
        if "table" in self.block_types:
            value = table_value(tag)
            if value is not None:
                self.emit("table", value)
                return
        for row in tag.find_all("tr"):
            cells = [
                _clean_text(cell.get_text(" ")) for cell in row.find_all(["th", "td"])
            ]
            cells = [cell for cell in cells if cell]
            if cells:
                self.rich.append(f"<p>{_escape(' — '.join(cells))}</p>")
        self.note("a table became one paragraph per row (tables are not supported)")

    def special_list(self, label: Tag, following: Tag) -> bool:
        """A "Sources" or "Key takeaways" heading and its list, as our own blocks."""
        if label.name not in (
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "p",
        ) or following.name not in (
            "ul",
            "ol",
        ):
            return False
        text = _clean_text(label.get_text(" "))
        items = following.find_all("li", recursive=False)
        if not items:
            return False
        if SOURCES_LABEL.match(text) and "references" in self.block_types:
            references = []
            for item in items:
                link = item.find("a", href=True)
                url = self.link_target(link["href"]) if link else ""
                if link and " " not in link.get_text(strip=True):
                    link.decompose()  # "samhsa.gov": the block shows the address itself
                references.append(
                    {
                        "citation": shorten(item.get_text(" "), CITATION_MAX),
                        "url": url if url.startswith(("http://", "https://")) else "",
                    }
                )
            self.emit(
                "references",
                {"heading": shorten(text.rstrip(":"), 80), "references": references},
            )
            return True
        if TAKEAWAYS_LABEL.match(text) and "callout" in self.block_types:
            points = [shorten(item.get_text(" "), CALLOUT_POINT_MAX) for item in items]
            self.emit(
                "callout", {"heading": shorten(text.rstrip(":"), 80), "points": points}
            )
            return True
        return False

    # 5. Hand-made tables of contents ---------------------------------------
    def is_toc(self, label: Tag, following: Tag) -> bool:
        if label.name not in ("h2", "h3", "h4", "h5", "h6", "p", "div", "strong", "b"):
            return False
        if not TOC_LABEL.match(_clean_text(label.get_text(" "))):
            return False
        if label.name == "p" and self.is_fragment_links(label):
            return False  # handled as a one-paragraph list
        return following.name in ("ul", "ol") and self.is_fragment_links(following)

    def is_toc_list(self, tag: Tag) -> bool:
        links = tag.find_all("a")
        return (
            len(links) >= 2
            and self.is_fragment_links(tag)
            and len(links) == len(tag.find_all("li"))
        )

    def is_fragment_links(self, tag: Tag) -> bool:
        links = tag.find_all("a")
        return bool(links) and all(
            (link.get("href") or "").strip().startswith("#") for link in links
        )

    # 6. Rich text -----------------------------------------------------------
    def flush_loose(self) -> None:
        """Loose text and inline tags: WordPress's own paragraphs (wpautop) apply."""
        html = "".join(self.loose)
        self.loose = []
        for chunk in re.split(r"\n\s*\n", html):
            if _clean_text(soup(chunk).get_text(" ")):
                self.rich.append(f"<p>{chunk.strip().replace(chr(10), '<br>')}</p>")

    def emit(self, block_type: str, value: dict) -> None:
        self.flush_rich()
        self.result.blocks.append({"type": block_type, "value": value})

    def flush_rich(self) -> None:
        if not self.rich:
            return
        html = "".join(self.rich)
        self.rich = []
        cleaned = self.rich_value(html)
        if cleaned:
            self.result.blocks.append({"type": "rich_text", "value": cleaned})

    def rich_value(self, html: str) -> str:
        """HTML as Wagtail stores rich text: whitelisted, links resolved."""
        tree = soup(self.clean_links(html))
        for cite in tree.find_all("cite"):  # quotes took theirs already
            cite.name, cite.attrs = "i", {}
        for paragraph in tree.find_all("p"):
            if self.is_fragment_links(paragraph) and TOC_LABEL.match(
                paragraph.get_text(" ")
            ):
                paragraph.decompose()
                self.note("dropped a hand-made “Jump to section” list")
        numbering = [_numbering(ol) for ol in tree.find_all("ol")]
        # Wagtail's editor-HTML whitelist has no rules for these Draftail styles:
        # they cross it as marked text and are tags again after it.
        for tag in tree.find_all(list(INLINE_FEATURES)):
            if INLINE_FEATURES[tag.name] in self.features:
                tag.insert(0, f"{MARK_OPEN}{tag.name}{MARK_CLOSE}")
                tag.append(f"{MARK_OPEN}/{tag.name}{MARK_CLOSE}")
        with warnings.catch_warnings():  # Wagtail's whitelister parses it again
            warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
            soup_ = soup(self.converter.to_database_format(str(tree)))
        # Draftail has no list start or direction; the stored HTML keeps them.
        for ol, attrs in zip(soup_.find_all("ol"), numbering, strict=False):
            ol.attrs.update(attrs)
        if MARK_OPEN in str(soup_):
            soup_ = soup(MARKED.sub(lambda m: f"<{m.group(1)}>", str(soup_)))
        for paragraph in soup_.find_all("p"):
            if not paragraph.get_text(strip=True):
                paragraph.decompose()
        for space in soup_.find_all(string=True):
            if not space.strip() and (
                space.parent is soup_ or space.parent.name in LISTS
            ):
                space.extract()
        if soup_.get_text(strip=True) or soup_.find("hr"):
            return str(soup_).strip()
        return ""

    def clean_links(self, html: str) -> str:
        tree = soup(html)
        for link in tree.find_all("a"):
            href = (link.get("href") or "").strip()
            found = (
                self.resolve_link(self.absolute(href)) if self.is_old(href) else None
            )
            if found is not None:
                link_type, target_id = found
                link.attrs = {"data-linktype": link_type, "data-id": str(target_id)}
                continue
            target = self.link_target(href) if href else ""
            if target:
                link.attrs = {"href": target}
            else:
                link.unwrap()
        return str(tree)

    def is_old(self, href: str) -> bool:
        """A link to the old site: on one of its hosts, or site-relative."""
        parts = urlsplit(self.absolute(href))
        if parts.hostname:
            return parts.hostname.lower() in self.old_hosts
        return href.startswith("/") and not href.startswith("//")

    def link_target(self, href: str) -> str:
        """Where a link should point now, or "" when it must not stay a link."""
        href = self.absolute(href)
        if href.startswith("#"):
            return href
        parts = urlsplit(href)
        if parts.scheme and parts.scheme.lower() not in SAFE_SCHEMES:
            self.note(f"removed a {parts.scheme}: link")
            return ""
        if (
            parts.hostname
            and parts.hostname.lower() in self.old_hosts
            or (not parts.scheme and href.startswith("/"))
        ):
            path = parts.path or "/"
            if "/wp-content/" in path:
                self.note(f"a link to an old site file ({path}) became plain text")
                return ""
            return (
                path
                + (f"?{parts.query}" if parts.query else "")
                + (f"#{parts.fragment}" if parts.fragment else "")
            )
        if not parts.scheme:
            return ""
        return href


def _is_block(tag) -> bool:
    return isinstance(tag, Tag) and tag.name not in INLINE and tag.name != "img"


def _next_tag(children: list, position: int) -> int | None:
    for index in range(position + 1, len(children)):
        child = children[index]
        if isinstance(child, Tag):
            return index
        if str(child).strip():
            return None
    return None


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _numbering(ol: Tag) -> dict[str, str]:
    attrs = {}
    start = (ol.get("start") or "").strip()
    if start.lstrip("-").isdigit():
        attrs["start"] = str(int(start))
    if ol.has_attr("reversed"):
        attrs["reversed"] = "reversed"
    return attrs


def _figure_caption(tag: Tag | None, direct: bool = False) -> str:
    """The caption of the figure an image sits in (or of a gallery, when direct)."""
    while tag is not None and not direct and tag.name not in ("figure", "li", "dl"):
        tag = tag.parent
    if tag is None:
        return ""
    caption = tag.find(["figcaption", "dd"], recursive=not direct) or (
        tag.find(class_=re.compile("caption")) if not direct else None
    )
    return _clean_text(caption.get_text(" ")) if caption else ""


def table_value(tag: Tag) -> dict | None:
    """A <table> as Wagtail's table block stores it: text cells, header row/column."""
    rows = []
    for row in tag.find_all("tr"):
        if row.find_parent("table") is not tag:
            continue  # a table nested in a cell stays text of that cell
        cells = row.find_all(["th", "td"], recursive=False)
        rows.append([(cell, _clean_text(cell.get_text(" "))) for cell in cells])
    rows = [row for row in rows if row]
    if not rows:
        return None
    width = max(len(row) for row in rows)
    header_row = bool(tag.find("thead")) or all(c.name == "th" for c, _ in rows[0])
    body = rows[1:] if header_row else rows
    header_col = bool(body) and all(row and row[0][0].name == "th" for row in body)
    caption = tag.find("caption")
    return {
        "data": [
            [text for _c, text in row] + [""] * (width - len(row)) for row in rows
        ],
        "first_row_is_table_header": header_row,
        "first_col_is_header": header_col,
        "table_header_choice": {
            (True, True): "both",
            (True, False): "row",
            (False, True): "column",
            (False, False): "neither",
        }[(header_row, header_col)],  # fmt: skip
        "table_caption": shorten(caption.get_text(" "), 250) if caption else "",
        "cell": [],
        "mergeCells": [],
    }
