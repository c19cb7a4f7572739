"""Spanish crisis detection, measured like English (tests/contact/test_crisis.py)."""

import pytest

from contact.crisis import detect, get_lexicon, mentions_crisis

from .crisis_corpus_es import CRISIS, NOT_CRISIS

# Fire although nobody is in danger; a quick call back is the cost (docs).
KNOWN_FALSE_POSITIVES: set[str] = set()


def test_the_corpus_is_large_and_covers_every_category():
    assert len(CRISIS) >= 100
    assert {category for category, _ in CRISIS} == set(get_lexicon("es").categories)


def test_recall_is_complete_on_the_corpus():
    assert [text for _, text in CRISIS if not detect(text, "es")] == []


def test_each_crisis_message_is_read_as_its_category():
    wrong = [
        (category, text, sorted(detect(text, "es")))
        for category, text in CRISIS
        if category not in detect(text, "es")
    ]
    assert wrong == []


def test_false_positives_are_the_listed_ones():
    flagged = {text for text in NOT_CRISIS if detect(text, "es")}
    rate = len(flagged) / len(NOT_CRISIS)
    print(f"Spanish false positives: {len(flagged)} of {len(NOT_CRISIS)} ({rate:.1%})")
    assert flagged == KNOWN_FALSE_POSITIVES


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_spanish_crisis_is_urgent_whatever_the_pages_language(language):
    """A visitor may write Spanish on an English page."""
    assert all(mentions_crisis(text, language=language) for _, text in CRISIS)
