"""Reading a WordPress export (WXR 1.0–1.2) safely and without loading it whole.

`scan()` reads the file once, checks it is a complete WXR export and gathers the
small things every item needs (authors, terms, attachments, the page tree, the old
address of every item). `iter_content()` reads it again and yields posts and pages
one at a time, so a 200 MB export never sits in memory. Neither ever touches the
network: DTDs, entities and external references are refused outright (defusedxml).

Damaged exports: the strict parser reads the file first. Only when it finds the
file malformed does `repair()` write a mended copy (stray control characters
removed, an unescaped "]]>" inside an element's CDATA split as XML allows), one
<item> at a time, and the strict parser reads that copy; anything it still
refuses (a truncated file, HTML, random bytes) stops the import with one line.
"""

import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

# WordPress has written both http:// and https:// namespaces (WordPress.com and
# core since 2020 write https://wordpress.org/export/1.2/).
WP_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.\d+/$")
EXCERPT_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.[0-2]/excerpt/$")
PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
}
CONTENT_TYPES = ("post", "page")
# Characters XML 1.0 forbids, which exports of pasted text sometimes carry.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
CDATA_ELEMENT = re.compile(
    r"<(?P<tag>[\w:.-]+)(?P<attrs>\s[^<>]*)?>\s*<!\[CDATA\[(?P<text>.*?)\]\]>\s*</(?P=tag)>",
    re.DOTALL,
)
# A single <item> larger than this is not repaired (the repair holds one in memory).
REPAIR_ITEM_LIMIT = 64 * 1024 * 1024


class WXRError(Exception):
    """The file cannot be imported at all; the message is one line for a person."""


class MalformedXML(WXRError):
    """The strict parser refused the file; repair() may still mend it."""


@dataclass
class Author:
    wp_id: str
    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass
class Term:
    wp_id: str
    taxonomy: str  # "category" or "post_tag"
    slug: str
    name: str
    parent_slug: str = ""


@dataclass
class Attachment:
    wp_id: str
    title: str
    url: str
    file: str = ""  # _wp_attached_file: the path below wp-content/uploads
    alt: str = ""
    parent_id: str = "0"
    link: str = ""  # the attachment's own page on the old site
    menu_order: int = 0


@dataclass
class Item:
    """A post or a page, as WordPress exported it."""

    wp_id: str
    post_type: str
    title: str = ""
    link: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    slug: str = ""
    status: str = ""
    parent_id: str = "0"
    menu_order: int = 0
    post_date: str = ""
    post_date_gmt: str = ""
    modified: str = ""
    modified_gmt: str = ""
    attachment_url: str = ""
    password: str = ""  # a password-protected post is not public
    categories: list[tuple[str, str, str]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)


@dataclass
class Export:
    """What a first pass over the file learns; small whatever the file's size."""

    path: Path
    version: str = ""
    site_url: str = ""  # <wp:base_site_url>: wordpress.com for a WordPress.com blog
    blog_url: str = ""  # <wp:base_blog_url>, else the channel's <link>
    link: str = ""
    authors: dict[str, Author] = field(default_factory=dict)  # by login
    terms: list[Term] = field(default_factory=list)
    attachments: dict[str, Attachment] = field(default_factory=dict)  # by id
    counts: dict[str, int] = field(default_factory=dict)  # items per post type
    # The old address of every post and page: path (no trailing slash) -> (type, id).
    permalinks: dict[str, tuple[str, str]] = field(default_factory=dict)
    repairs: list[str] = field(default_factory=list)  # what repair() mended
    source: Path | None = None  # the file given, when path is a repaired copy

    @property
    def own_url(self) -> str:
        """The blog's own address: its <link> or base_blog_url, else the site URL."""
        return self.blog_url or self.link or self.site_url

    def children_of(self, wp_id: str) -> list[Attachment]:
        """A post's attachments in WordPress's order, as [gallery] without ids shows."""
        found = [a for a in self.attachments.values() if a.parent_id == wp_id]
        return sorted(found, key=lambda a: (a.menu_order, int(a.wp_id or 0)))


def _name(tag: str) -> str:
    """'{http://wordpress.org/export/1.2/}post_id' -> 'wp:post_id'."""
    if not tag.startswith("{"):
        return tag
    namespace, local = tag[1:].split("}", 1)
    if WP_NAMESPACE.match(namespace):
        return f"wp:{local}"
    if EXCERPT_NAMESPACE.match(namespace):
        return f"excerpt:{local}"
    prefix = PREFIXES.get(namespace)
    return f"{prefix}:{local}" if prefix else local


def _text(element) -> str:
    return (element.text or "").strip() if element is not None else ""


def _children(element) -> dict[str, str]:
    return {_name(child.tag): (child.text or "") for child in element}


def _events(path: Path):
    """iterparse over the file, turning every XML failure into one WXRError line."""
    try:
        with open(path, "rb") as stream:
            yield from iterparse(
                stream,
                events=("start", "end"),
                forbid_dtd=True,
                forbid_entities=True,
                forbid_external=True,
            )
    except DefusedXmlException as error:
        raise WXRError(
            f"{path.name} declares a DTD or entities ({type(error).__name__}); "
            "WordPress exports never do, and this could be an XML bomb. Nothing was "
            "imported."
        ) from None
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        raise MalformedXML(
            f"{path.name} is not complete, well-formed XML (line {line}, column "
            f"{column}): was the export cut short? Nothing was imported."
        ) from None
    except OSError as error:
        raise WXRError(f"Cannot read {path}: {error.strerror}.") from None


def _parse_item(element) -> Item:
    values, categories, meta = {}, [], {}
    for child in element:
        name = _name(child.tag)
        if name == "category":
            categories.append(
                (child.get("domain", ""), child.get("nicename", ""), _text(child))
            )
        elif name == "wp:postmeta":
            pair = _children(child)
            meta[pair.get("wp:meta_key", "")] = pair.get("wp:meta_value", "")
        else:
            values[name] = child.text or ""
    try:
        menu_order = int(values.get("wp:menu_order") or 0)
    except ValueError:
        menu_order = 0
    return Item(
        wp_id=values.get("wp:post_id", "").strip(),
        post_type=values.get("wp:post_type", "").strip(),
        title=values.get("title", "").strip(),
        link=values.get("link", "").strip(),
        creator=values.get("dc:creator", "").strip(),
        content=values.get("content:encoded", ""),
        excerpt=values.get("excerpt:encoded", ""),
        slug=values.get("wp:post_name", "").strip(),
        status=values.get("wp:status", "").strip(),
        parent_id=values.get("wp:post_parent", "0").strip() or "0",
        menu_order=menu_order,
        post_date=values.get("wp:post_date", "").strip(),
        post_date_gmt=values.get("wp:post_date_gmt", "").strip(),
        modified=values.get("wp:post_modified", "").strip(),
        modified_gmt=values.get("wp:post_modified_gmt", "").strip(),
        attachment_url=values.get("wp:attachment_url", "").strip(),
        password=values.get("wp:post_password", "").strip(),
        categories=categories,
        meta=meta,
    )


def _items(path: Path, export: Export | None = None) -> Iterator[Item]:
    """Every <item>, parsed and then dropped from the tree; channel data into export."""
    depth, root_seen, channel = 0, False, None
    for event, element in _events(path):
        if event == "start":
            depth += 1
            if depth == 1:
                root_seen = True
                if element.tag != "rss":
                    raise WXRError(
                        f"{path.name} is XML but not a WordPress export (its root is "
                        f"<{_name(element.tag)}>, not <rss>): export from WordPress "
                        "with Tools → Export. Nothing was imported."
                    )
            elif depth == 2 and element.tag == "channel":
                channel = element
            continue
        depth -= 1
        if depth != 2 or channel is None:
            continue
        name = _name(element.tag)
        if name == "item":
            yield _parse_item(element)
        elif export is not None:
            _read_channel_element(export, name, element)
        channel.remove(element)
    if not root_seen:
        raise WXRError(f"{path.name} is empty. Nothing was imported.")


def _read_channel_element(export: Export, name: str, element) -> None:
    if name == "wp:wxr_version":
        export.version = _text(element)
    elif name == "wp:base_site_url":
        export.site_url = _text(element).rstrip("/")
    elif name == "wp:base_blog_url":
        export.blog_url = _text(element).rstrip("/")
    elif name == "link" and not export.link:
        export.link = _text(element).rstrip("/")
    elif name == "wp:author":
        values = {key: value.strip() for key, value in _children(element).items()}
        author = Author(
            wp_id=values.get("wp:author_id", ""),
            login=values.get("wp:author_login", ""),
            email=values.get("wp:author_email", ""),
            display_name=values.get("wp:author_display_name", ""),
            first_name=values.get("wp:author_first_name", ""),
            last_name=values.get("wp:author_last_name", ""),
        )
        if author.login:
            export.authors[author.login] = author
    elif name in ("wp:category", "wp:tag"):
        values = {key: value.strip() for key, value in _children(element).items()}
        category = name == "wp:category"
        export.terms.append(
            Term(
                wp_id=values.get("wp:term_id", ""),
                taxonomy="category" if category else "post_tag",
                slug=values.get(
                    "wp:category_nicename" if category else "wp:tag_slug", ""
                ),
                name=values.get("wp:cat_name" if category else "wp:tag_name", ""),
                parent_slug=values.get("wp:category_parent", ""),
            )
        )


def permalink_path(url: str) -> str:
    """'https://blog/2013/01/11/x/?a=1' -> '/2013/01/11/x?a=1': how redirects match."""
    parts = urlsplit((url or "").strip())
    path = unquote(parts.path).rstrip("/") or "/"
    return path + (f"?{parts.query}" if parts.query else "")


def scan(path: Path) -> Export:
    """Read the whole file once; raise WXRError unless it is a complete WXR export.

    A malformed file is repaired into a temporary copy (see the module's
    docstring); `export.path` is then that copy and the caller removes it with
    `discard()`.
    """
    try:
        return _scan(path)
    except MalformedXML as strict_error:
        repaired, repairs = repair(path)
        if not repairs:
            os.unlink(repaired)
            raise WXRError(str(strict_error)) from None
        try:
            export = _scan(repaired)
        except (MalformedXML, WXRError) as error:
            os.unlink(repaired)
            raise WXRError(str(error).replace(repaired.name, path.name)) from None
        export.source, export.repairs = path, repairs
        return export


def discard(export: Export) -> None:
    """Remove the repaired copy scan() may have written."""
    if export.source is not None:
        export.path.unlink(missing_ok=True)


def _note_terms(export: Export, item: Item, declared: set) -> None:
    """Terms an item carries that the channel never declared (plugins' exports)."""
    if not declared:
        declared.update((term.taxonomy, term.slug) for term in export.terms)
        declared.add(None)
    for domain, slug, name in item.categories:
        if domain in ("category", "post_tag") and (domain, slug) not in declared:
            declared.add((domain, slug))
            export.terms.append(Term(wp_id="", taxonomy=domain, slug=slug, name=name))


def _scan(path: Path) -> Export:
    export = Export(path=path)
    declared: set = set()
    for item in _items(path, export):
        export.counts[item.post_type] = export.counts.get(item.post_type, 0) + 1
        if item.post_type == "attachment":
            export.attachments[item.wp_id] = Attachment(
                wp_id=item.wp_id,
                title=item.title,
                url=item.attachment_url,
                file=item.meta.get("_wp_attached_file", ""),
                alt=item.meta.get("_wp_attachment_image_alt", ""),
                parent_id=item.parent_id,
                link=item.link,
                menu_order=item.menu_order,
            )
        elif item.post_type in CONTENT_TYPES:
            if item.link:
                export.permalinks.setdefault(
                    permalink_path(item.link), (item.post_type, item.wp_id)
                )
            _note_terms(export, item, declared)
    if not export.version:
        raise WXRError(
            f"{path.name} is an RSS feed but not a WordPress export (no "
            "<wp:wxr_version>): export from WordPress with Tools → Export. Nothing "
            "was imported."
        )
    return export


def iter_content(path: Path) -> Iterator[Item]:
    """Posts and pages, in file order; scan() must have accepted the file first."""
    for item in _items(path):
        if item.post_type in CONTENT_TYPES:
            yield item


def _mend_cdata(match: re.Match, repairs: set[str]) -> str:
    text = match.group("text")
    if "]]>" not in text:
        return match.group(0)
    repairs.add("an unescaped “]]>” inside a CDATA section")
    text = text.replace("]]>", "]]]]><![CDATA[>")
    attrs = match.group("attrs") or ""
    return f"<{match.group('tag')}{attrs}><![CDATA[{text}]]></{match.group('tag')}>"


def _mend(segment: str, repairs: set[str]) -> str:
    if CONTROL_CHARACTERS.search(segment):
        repairs.add("control characters XML does not allow")
        segment = CONTROL_CHARACTERS.sub("", segment)
    if "]]>" in segment:
        segment = CDATA_ELEMENT.sub(lambda m: _mend_cdata(m, repairs), segment)
    return segment


def repair(path: Path) -> tuple[Path, list[str]]:
    """A mended copy of the file and what was mended, one <item> in memory at a time.

    WordPress writes each <item> and </item> on a line of its own; the text
    between two such lines is mended as one piece.
    """
    repairs: set[str] = set()
    handle, name = tempfile.mkstemp(prefix="wxr-repaired-", suffix=".xml")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        try:
            with open(path, encoding="utf-8", errors="replace") as source:
                segment: list[str] = []
                size = 0
                for line in source:
                    segment.append(line)
                    size += len(line)
                    if (
                        line.strip() in ("<item>", "</item>")
                        or size > REPAIR_ITEM_LIMIT
                    ):
                        out.write(_mend("".join(segment), repairs))
                        segment, size = [], 0
                out.write(_mend("".join(segment), repairs))
        except OSError as error:
            os.unlink(name)
            raise WXRError(f"Cannot read {path}: {error.strerror}.") from None
    return Path(name), sorted(repairs)
