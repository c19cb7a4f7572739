"""Text that shows what it says.

Bidirectional overrides (U+202E turns "gpj.exe" into "exe.jpg") and zero-width
characters make a name or a message display as something other than its letters.
Visitors' text is stored without them (strip_invisible); text stored before that
rule is shown to staff with each one made visible (reveal_invisible). A zero-width
joiner between two symbols is kept: it joins emoji ("❤️‍🩹").
"""

import unicodedata

BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
ZERO_WIDTH = frozenset("\u00ad\u180e\u200b\u200c\u2060\u2061\u2062\u2063\u2064\ufeff")
INVISIBLE = BIDI_CONTROLS | ZERO_WIDTH
JOINER = "\u200d"
# What may sit on either side of a joiner in an emoji sequence: symbols, their
# variation selector (Mn) and skin-tone modifiers (Sk).
_EMOJI_CATEGORIES = {"So", "Sk", "Mn"}


def _is_emoji_joiner(text: str, index: int) -> bool:
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    return bool(before and after) and all(
        unicodedata.category(char) in _EMOJI_CATEGORIES for char in (before, after)
    )


def _hidden_at(text: str, index: int) -> bool:
    char = text[index]
    if char == JOINER:
        return not _is_emoji_joiner(text, index)
    return char in INVISIBLE


def has_invisible(text: str) -> bool:
    return any(_hidden_at(text, index) for index in range(len(text)))


def strip_invisible(text: str) -> str:
    """`text` without bidi controls and zero-width characters."""
    if not has_invisible(text):
        return text
    return "".join(
        char for index, char in enumerate(text) if not _hidden_at(text, index)
    )


def reveal_invisible(text: str) -> str:
    """`text` with each bidi control or zero-width character shown as [U+XXXX]."""
    if not text or not has_invisible(text):
        return text
    return "".join(
        f"[U+{ord(char):04X}]" if _hidden_at(text, index) else char
        for index, char in enumerate(text)
    )
