"""Crisis detection: does a visitor's message suggest they may not be safe right now?

Every way a visitor writes to us (an inquiry, a callback or chat request, a live
chat's first and later messages) goes through `mentions_crisis`, which marks the
lead urgent so intake calls back first and the visitor sees 988 and 911 first.

A false positive is acceptable (someone writing about a friend's overdose still gets
a quick call back); missing a real crisis is not. Each language has a `Lexicon`
(`en.py`; a Spanish `es.py` joins `LEXICONS` the same way): patterns grouped by
category, matched against the message after `normalise` and the lexicon's own
spelling and text-speak replacements. docs/development/crisis-detection.md explains the
categories, the corpus the patterns are measured on and how to add a phrase.

Patterns must never nest quantifiers (no `(a+)+`, no `(?:\\w+ )*`): bounded gaps are
written as one bounded character class (`en.GAP`), so matching stays linear in the
length of the message whatever a visitor pastes (tests/contact/test_crisis.py checks
every pattern's structure and feeds it 100 kB inputs).
"""

from .en import ENGLISH
from .es import SPANISH
from .lexicon import Lexicon
from .normalise import normalise

DEFAULT_LANGUAGE = "en"

# One lexicon per language.
LEXICONS: dict[str, Lexicon] = {
    lexicon.language: lexicon for lexicon in (ENGLISH, SPANISH)
}


def get_lexicon(language: str) -> Lexicon:
    """The lexicon for `language` ("es", "en-us"), else English."""
    base = (language or DEFAULT_LANGUAGE).lower().split("-")[0]
    return LEXICONS.get(base) or LEXICONS[DEFAULT_LANGUAGE]


def detect(text: str, language: str = DEFAULT_LANGUAGE) -> frozenset[str]:
    """The crisis categories `text` matches; empty when none (or no text)."""
    if not isinstance(text, str) or not text.strip():
        return frozenset()
    return get_lexicon(language).match(normalise(text))


def mentions_crisis(*texts: str, language: str = DEFAULT_LANGUAGE) -> bool:
    """True if any of the visitor's texts matches any crisis category, read in
    `language` first and then in every other: a visitor may write Spanish on an
    English page, and a missed crisis costs more than a quick call back."""
    first = get_lexicon(language)
    order = [first, *(lexicon for lexicon in LEXICONS.values() if lexicon is not first)]
    return any(
        lexicon.match(normalise(text))
        for text in texts
        if isinstance(text, str) and text.strip()
        for lexicon in order
    )
