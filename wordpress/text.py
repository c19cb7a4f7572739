"""Repairing the text WordPress sites accumulate: Windows-1252 and double-encoded UTF-8."""

import re

# Bytes 0x80-0x9F of Windows-1252 (curly quotes, dashes, €, ™) that reached the
# export as C1 control characters, the usual trace of text pasted from Word.
_C1 = re.compile("[\x80-\x9f]")
# UTF-8 read as Windows-1252 and saved again: "donâ€™t", "ðŸ˜Š".
_CP1252_CHARS = (
    "\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a"
    "\u20ac\u2122"
)
_MOJIBAKE = re.compile(f"[\xc2-\xf4][{_CP1252_CHARS}]{{1,3}}")


def _c1(match: re.Match) -> str:
    try:
        return match.group().encode("latin-1").decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D mean nothing
        return ""


def _byte(char: str) -> bytes:
    try:
        return char.encode("cp1252")
    except UnicodeEncodeError:  # the five bytes cp1252 leaves undefined
        return bytes([ord(char)])


def _undouble(match: re.Match) -> str:
    text = match.group()
    try:
        return b"".join(_byte(char) for char in text).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return text


def fix_text(text: str) -> str:
    """Smart quotes, dashes and emoji as they were meant, whatever the old site did."""
    if not text:
        return ""
    text = _MOJIBAKE.sub(_undouble, text)
    return _C1.sub(_c1, text)
