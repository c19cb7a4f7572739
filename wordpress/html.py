"""WordPress post HTML -> StreamField blocks, through Wagtail's rich-text whitelist.

Headings become heading blocks (so our table of contents and anchors work),
captioned images become image blocks, a "Sources" list becomes a references block,
the rest becomes rich text. Hand-made tables of contents and author boxes are taken
out (the article template builds both), and nothing executable, embedded or styled
survives: scripts and styles are dropped, an embed becomes a plain link.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import (
    BeautifulSoup,
    CData,
    Comment,
    Declaration,
    Doctype,
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
INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn",
    "em", "font", "i", "ins", "kbd", "mark", "q", "s", "samp", "small", "span",
    "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "br",
}  # fmt: skip
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

    def first_paragraph(self) -> str:
        for block in self.blocks:
            if block["type"] == "rich_text":
                soup = BeautifulSoup(block["value"], "html.parser")
                for paragraph in soup.find_all("p"):
                    text = _clean_text(paragraph.get_text(" "))
                    if text:
                        return text
        return ""


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
    references or callout block gets headings and lists instead.
    """

    def __init__(
        self,
        *,
        features: list[str],
        block_types: set[str],
        resolve_image: Callable[[ImageRef], int | None],
        old_hosts: set[str],
    ):
        self.converter = EditorHTMLConverter(features=features)
        self.block_types = block_types
        self.resolve_image = resolve_image
        self.old_hosts = {host.lower() for host in old_hosts if host}

    def convert(self, html: str) -> Converted:
        self.result = Converted()
        self.loose: list[str] = []
        self.rich: list[str] = []
        html, notes = expand_shortcodes(fix_text(html))
        self.note(*notes)
        soup = BeautifulSoup(html, "html.parser")
        self.strip_unsafe(soup)
        self.take_out_boxes(soup)
        self.walk(soup)
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
            if DROPPED[tag.name] and tag.get_text(strip=True) or tag.name == "script":
                self.note(f"removed {DROPPED[tag.name]}")
            tag.decompose()
        for tag in soup.find_all(list(EMBED_TAGS)):
            if tag.decomposed:
                continue
            src = tag.get("src") or (tag.find("source") or {}).get("src", "")
            link = self.embed_link(soup, src, tag.get("title", ""))
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
        self.flush_loose()

    def block(self, tag: Tag) -> None:
        name = tag.name
        if name in ("h1", "h2", "h3"):
            self.heading(tag, "h3" if name == "h3" else "h2")
        elif name in ("h4", "h5", "h6"):
            text = _clean_text(tag.get_text(" "))
            if text:
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
        elif name == "figure" or "wp-caption" in tag.get("class", []):
            self.figure(tag)
        elif name == "img":
            self.image(tag, "")
        elif name == "hr":
            self.rich.append("<hr>")
        elif name == "table":
            self.table(tag)
        elif name == "pre":
            self.rich.append(f"<p>{_escape(tag.get_text())}</p>".replace("\n", "<br>"))
        elif name == "dl":
            for item in tag.find_all(["dt", "dd"]):
                self.rich.append(f"<p>{_escape(_clean_text(item.get_text(' ')))}</p>")
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

    def image(self, tag: Tag, caption: str) -> None:
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
            return
        self.emit(
            "image",
            {
                "image": image_id,
                "alt_text": shorten(fix_text(ref.alt), CAPTION_MAX),
                "caption": shorten(caption, CAPTION_MAX),
            },
        )

    def table(self, tag: Tag) -> None:
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
            if _clean_text(BeautifulSoup(chunk, "html.parser").get_text(" ")):
                self.rich.append(f"<p>{chunk.strip().replace(chr(10), '<br>')}</p>")

    def emit(self, block_type: str, value: dict) -> None:
        self.flush_rich()
        self.result.blocks.append({"type": block_type, "value": value})

    def flush_rich(self) -> None:
        if not self.rich:
            return
        soup = BeautifulSoup(self.clean_links("".join(self.rich)), "html.parser")
        self.rich = []
        for paragraph in soup.find_all("p"):
            if self.is_fragment_links(paragraph) and TOC_LABEL.match(
                paragraph.get_text(" ")
            ):
                paragraph.decompose()
                self.note("dropped a hand-made “Jump to section” list")
        soup = BeautifulSoup(
            self.converter.to_database_format(str(soup)), "html.parser"
        )
        for paragraph in soup.find_all("p"):
            if not paragraph.get_text(strip=True):
                paragraph.decompose()
        for space in soup.find_all(string=True):
            if not space.strip() and (
                space.parent is soup or space.parent.name in LISTS
            ):
                space.extract()
        cleaned = str(soup).strip()
        if soup.get_text(strip=True) or soup.find("hr"):
            self.result.blocks.append({"type": "rich_text", "value": cleaned})

    def clean_links(self, html: str) -> str:
        soup = BeautifulSoup(html, "html.parser")
        for link in soup.find_all("a"):
            href = (link.get("href") or "").strip()
            target = self.link_target(href) if href else ""
            if target:
                link.attrs = {"href": target}
            else:
                link.unwrap()
        return str(soup)

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
