"""A language's crisis wording: patterns by category, plus spelling replacements."""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from .normalise import spellings


@dataclass(frozen=True)
class Lexicon:
    """One language's crisis wording.

    `categories` maps a category name to regular expressions written for text that
    has been through `normalise` and `replacements`: lower case, words separated by
    single spaces, no apostrophes ("dont", "cant", "im"). Each pattern is matched
    as whole words anywhere in the message.
    `replacements` maps one word as typed to its usual spelling ("kms" → "kill
    myself", "sucide" → "suicide", "od'd" → "overdosed").
    """

    language: str
    categories: dict[str, tuple[str, ...]]
    replacements: dict[str, str] = field(default_factory=dict)
    # Read "quitarme la vida" and "quitarme la vída", "morir" and "morír" alike:
    # accents dropped before matching (Spanish is often typed without them).
    fold_accents: bool = False

    @cached_property
    def compiled(self) -> dict[str, re.Pattern]:
        return {
            category: re.compile(
                "|".join(rf"\b(?:{pattern})\b" for pattern in patterns)
            )
            for category, patterns in self.categories.items()
        }

    def match(self, normalised: str) -> frozenset[str]:
        if self.fold_accents:
            normalised = "".join(
                char
                for char in unicodedata.normalize("NFD", normalised)
                if unicodedata.category(char) != "Mn"
            )
        found: set[str] = set()
        for variant in spellings(normalised, self.replacements):
            found.update(
                category
                for category, pattern in self.compiled.items()
                if category not in found and pattern.search(variant)
            )
        return frozenset(found)
