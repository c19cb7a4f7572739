"""Crisis-aware intake: a short list of phrases that mark a lead urgent.

False positives are acceptable (a person writing about a friend's overdose still
gets a quick call back); missing a real crisis is not. Keep phrases lower case.
"""

import re
import unicodedata

CRISIS_PHRASES = (
    "suicide",
    "suicidal",
    "kill myself",
    "killing myself",
    "end my life",
    "end it all",
    "take my life",
    "want to die",
    "wanna die",
    "better off dead",
    "don't want to live",
    "dont want to live",
    "no reason to live",
    "hurt myself",
    "harm myself",
    "self harm",
    "self-harm",
    "overdose",
    "overdosed",
    "overdosing",
    "od'd",
    "not breathing",
    "in danger",
    "not safe",
    "unsafe at home",
    "going to hurt me",
    "threatening to kill",
)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def _normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).lower()
    return re.sub(r"\s+", " ", text)


def mentions_crisis(*texts: str) -> bool:
    joined = _normalize(" ".join(text for text in texts if text))
    return any(phrase in joined for phrase in CRISIS_PHRASES)
