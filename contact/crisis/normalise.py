"""Turning what a visitor typed into the plain form the lexicons are written for.

"I DON’T want to be here anymore…" → "i don't want to be here anymore": Unicode
compatibility forms folded (NFKC: full-width letters, ligatures), case folded,
invisible format characters dropped (zero-width spaces, right-to-left overrides),
curly quotes made straight, Cyrillic and Greek letters that look Latin read as
Latin, and every run of punctuation, symbols, emoji or space made one space.
`spellings` then yields the text with each lexicon's replacements applied and long
letter runs shortened ("sooo" → "soo" and "so").
"""

import re
import unicodedata
from collections.abc import Iterator

_QUOTES = str.maketrans(
    {
        "\u2018": "'",  # ‘
        "\u2019": "'",  # ’
        "\u201b": "'",  # ‛
        "\u02bc": "'",  # ʼ
        "\u0060": "'",  # `
        "\u00b4": "'",  # ´
        "\u2032": "'",  # ′
    }
)

# Letters people (and spam tools) mix into Latin words; the lexicons are Latin-script.
_LOOKALIKES = str.maketrans(
    {
        "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h",
        "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "і": "i",
        "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ӏ": "l", "ɩ": "i",
        "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
        "τ": "t", "υ": "u", "χ": "x",
    }
)  # fmt: skip

_SEPARATORS = re.compile(r"[^\w']+|_+")
_LONG_RUN = re.compile(r"(\w)\1{2,}")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")
    text = text.casefold().translate(_QUOTES).translate(_LOOKALIKES)
    return " ".join(_SEPARATORS.sub(" ", text).split())


def _replace_words(text: str, replacements: dict[str, str]) -> str:
    words = []
    for word in text.split(" "):
        word = word.strip("'")
        bare = word.replace("'", "")
        words.append(replacements.get(word) or replacements.get(bare) or bare)
    return " ".join(words)


def spellings(text: str, replacements: dict[str, str]) -> Iterator[str]:
    """`text` (already normalised) as the lexicon reads it: once with letter runs of
    three or more kept at two ("killll" → "kill"), once at one ("diiie" → "die")."""
    seen = set()
    for shortened in (_LONG_RUN.sub(r"\1\1", text), _LONG_RUN.sub(r"\1", text)):
        variant = _replace_words(shortened, replacements)
        if variant not in seen:
            seen.add(variant)
            yield variant
