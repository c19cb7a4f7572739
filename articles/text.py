"""Pure helpers over an article body: heading anchors, contents, reading time.

They work on the StreamField's raw JSON so that cards and feeds never load the
images a body refers to.
"""

import math
import re
from dataclasses import dataclass, field

from django.utils.html import strip_tags
from django.utils.text import slugify

WORDS_PER_MINUTE = 220
LEADING_NUMBER = re.compile(r"^\s*\d+[.)]?\s+")
# Ids the article template uses itself; a heading must never take one of them.
RESERVED_IDS = frozenset(
    {
        "main",
        "article-toc",
        "article-toc-heading",
        "about-author-heading",
        "related-heading",
        "help-now-heading",
        "site-search-q",
    }
)


# Struct block fields that hold settings or addresses rather than words to read.
NOT_PROSE = frozenset({"url", "link_url", "level", "alt_text", "id"})


@dataclass
class TocEntry:
    text: str
    anchor: str
    level: str
    children: list["TocEntry"] = field(default_factory=list)


def heading_anchors(texts: list[str], reserved=RESERVED_IDS) -> list[str]:
    """A readable, unique id for each heading text, in order.

    The same body always gives the same ids; a repeated heading gets -2, -3, ...
    """
    used = set(reserved)
    anchors = []
    for text in texts:
        # "3. Hope and resilience" reads better as #hope-and-resilience.
        words = LEADING_NUMBER.sub("", text) or text
        base = slugify(words, allow_unicode=True)[:60].strip("-") or "section"
        if base[0].isdigit():
            base = f"section-{base}"
        anchor, number = base, 1
        while anchor in used:
            number += 1
            anchor = f"{base}-{number}"
        used.add(anchor)
        anchors.append(anchor)
    return anchors


def table_of_contents(headings: list[tuple[str, str, str]]) -> list[TocEntry]:
    """(text, anchor, level) in body order -> h2 entries with their h3s nested."""
    entries: list[TocEntry] = []
    for text, anchor, level in headings:
        entry = TocEntry(text=text, anchor=anchor, level=level)
        if level == "h3" and entries and entries[-1].level == "h2":
            entries[-1].children.append(entry)
        else:
            entries.append(entry)
    return entries


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        if "type" in value and "value" in value:
            return _strings(value["value"])
        return [
            text
            for key, item in value.items()
            if key not in NOT_PROSE
            for text in _strings(item)
        ]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def count_words(raw_body) -> int:
    """Words a reader reads in a body's raw stream data (markup and ids excluded)."""
    words = 0
    for block in raw_body or []:
        if block.get("type") == "image":
            value = block.get("value") or {}
            words += len(str(value.get("caption", "")).split())
            continue
        for text in _strings(block.get("value")):
            words += len(re.findall(r"\w+", strip_tags(text)))
    return words


def reading_minutes(raw_body) -> int:
    return max(1, math.ceil(count_words(raw_body) / WORDS_PER_MINUTE))
