"""Crisis detection: every phrasing in the corpus caught, no pattern that can
backtrack without end, and every way a visitor writes to us uses it."""

import re
from re import _constants as sre_constants
from re import _parser as sre_parser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contact.crisis import LEXICONS, detect, get_lexicon, mentions_crisis
from contact.models import Lead
from tests.support.leads import chat_requests, inquiries, lead_data

from .crisis_corpus import CRISIS, NOT_CRISIS

# Ordinary messages the lexicon flags. Each is acceptable (a quick call back does no
# harm); the list is here so a new one is noticed and reported in
# docs/development/crisis-detection.md.
KNOWN_FALSE_POSITIVES = {
    "My mom will kill me if I miss another family dinner",
    "Is Narcan training something you offer families?",
    "I don't want to live with my parents forever",
    "I want to disappear from social media for a while",
    "My daughter is a nurse and gives naloxone trainings",
    "My friend died of an overdose two years ago and I want to honor her",
    "I hope to die old and sober",
    "sos a secret language lol",
    "We're going to jump right in",
    "I want to die my hair before the intake lol",
}

ISSUE_PHRASE = "I don't want to be alive anymore, I keep thinking about ending it"


def test_the_corpus_is_large_and_covers_every_category():
    assert len(CRISIS) + len(NOT_CRISIS) >= 200
    assert {category for category, _ in CRISIS} == set(get_lexicon("en").categories)


def test_recall_is_complete_on_the_corpus():
    missed = [text for _, text in CRISIS if not detect(text)]
    assert missed == []


def test_each_crisis_message_is_read_as_its_category():
    wrong = [
        (category, text, sorted(detect(text)))
        for category, text in CRISIS
        if category not in detect(text)
    ]
    assert wrong == []


def test_false_positives_are_the_listed_ones():
    flagged = {text for text in NOT_CRISIS if detect(text)}
    assert flagged == KNOWN_FALSE_POSITIVES
    rate = len(flagged) / len(NOT_CRISIS)
    print(f"false positives: {len(flagged)} of {len(NOT_CRISIS)} ({rate:.1%})")


@pytest.mark.parametrize(
    "text",
    [
        ISSUE_PHRASE,
        "ending it",
        "don't want to be alive",
        "no point going on",
        "wish I was dead",
        "kms",
        "took a bunch of pills",
        "can't keep myself safe",
    ],
)
def test_the_phrasings_the_old_list_missed(text):
    assert mentions_crisis(text)


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t ", "😭😭😭", "\u202e\u202d\u200f", "ok", None, 42],
)
def test_nothing_to_read_is_no_crisis(text):
    assert detect(text) == frozenset()
    assert not mentions_crisis(text) if isinstance(text, str) else True


def test_an_unknown_language_falls_back_to_english():
    assert detect("i want to die", language="fr") == detect("i want to die")
    assert detect("i want to die", language="en-US") == {"suicide"}
    assert set(LEXICONS) >= {"en", "es"}


# --- Patterns that cannot backtrack without end ------------------------------------

REPEATS = {
    sre_constants.MAX_REPEAT,
    sre_constants.MIN_REPEAT,
    sre_constants.POSSESSIVE_REPEAT,
}


def nested_repeats(parsed, inside=False) -> list:
    """Every quantifier found inside another quantifier's operand."""
    found = []
    for op, av in parsed:
        if op in REPEATS:
            if inside:
                found.append(av)
            found += nested_repeats(av[2], inside=True)
        elif op is sre_constants.SUBPATTERN:
            found += nested_repeats(av[-1], inside)
        elif op is sre_constants.BRANCH:
            for branch in av[1]:
                found += nested_repeats(branch, inside)
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            found += nested_repeats(av[1], inside)
        elif op is sre_constants.ATOMIC_GROUP:
            found += nested_repeats(av, inside)
    return found


@pytest.mark.parametrize("language", sorted(LEXICONS))
def test_no_pattern_nests_quantifiers(language):
    for category, pattern in LEXICONS[language].compiled.items():
        assert nested_repeats(sre_parser.parse(pattern.pattern)) == [], category


def test_the_checker_would_see_a_nested_quantifier():
    assert nested_repeats(sre_parser.parse(r"(?:\w+ )*x"))
    assert nested_repeats(sre_parser.parse(r"(a|b+)+"))
    assert not nested_repeats(sre_parser.parse(r"want\b[a-z ]{1,24}\bdie"))


KB100 = 100_000
PATHOLOGICAL = [
    "a" * KB100,
    " " * KB100,
    "want " * (KB100 // 5),
    "i want to " * (KB100 // 10),
    "took too many " * (KB100 // 14),
    "kill " * (KB100 // 5),
    "no one " * (KB100 // 7),
    "not " * (KB100 // 4),
    "so" + "o" * KB100,
    "😭" * (KB100 // 4),
    "\u202e" * (KB100 // 2) + "x",
    "аbс" * (KB100 // 3),  # Cyrillic a and c
    "don't " * (KB100 // 6),
    "'" * KB100,
    "1" * KB100,
    "a " * (KB100 // 2),
]


@pytest.mark.parametrize("text", PATHOLOGICAL, ids=lambda text: repr(text[:12]))
def test_pathological_100_kb_inputs_are_read_without_trouble(text):
    assert isinstance(detect(text), frozenset)


def test_a_crisis_at_the_end_of_a_long_message_is_still_found():
    assert detect("fine " * 20_000 + "I want to die") == {"suicide"}


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=2000))
def test_any_text_is_read_without_an_error(text):
    assert isinstance(detect(text), frozenset)


def test_every_pattern_compiles_with_the_standard_library():
    for lexicon in LEXICONS.values():
        for pattern in lexicon.compiled.values():
            assert isinstance(pattern, re.Pattern)


# --- Every way a visitor writes to us ----------------------------------------------


def post(client, url, prefix, capture, **overrides):
    with capture(execute=True):
        return client.post(url, lead_data(prefix, **overrides))


@pytest.mark.parametrize(
    ("prefix", "url", "field", "leads"),
    [
        ("inquiry", "/contact/", "message", inquiries),
        ("chat", "/chat/", "first_message", chat_requests),
        ("chat", "/chat/", "best_time", chat_requests),
    ],
)
def test_each_lead_kind_marks_a_crisis_urgent_with_988_and_911_first(
    client,
    contact_page,
    django_capture_on_commit_callbacks,
    mailoutbox,
    prefix,
    url,
    field,
    leads,
):
    response = post(
        client,
        url,
        prefix,
        django_capture_on_commit_callbacks,
        **{field: ISSUE_PHRASE[:100]},
    )
    assert response.status_code == 303
    lead = leads().get()
    assert lead.is_urgent
    assert mailoutbox[0].subject.startswith("URGENT: ")
    html = client.get(response["Location"]).content.decode()
    thanks = html[html.index("data-lead-thanks") :]
    assert thanks.index('href="tel:988"') < thanks.index("<h")
    assert thanks.index('href="tel:911"') < thanks.index("<h")


BAD_MESSAGES = [
    "x" * 100_000,
    "😭" * 300,
    "I want to dіe Я хочу умереть أريد أن أموت",
    "\u202eI want to die\u202c",
    "   \n\t   ",
    "\u200b\u200b\u200b",
]


@pytest.mark.parametrize("message", BAD_MESSAGES, ids=lambda text: repr(text[:10]))
@pytest.mark.parametrize(
    ("prefix", "url", "field"),
    [("inquiry", "/contact/", "message"), ("chat", "/chat/", "first_message")],
)
def test_odd_messages_never_answer_500(
    client,
    contact_page,
    django_capture_on_commit_callbacks,
    message,
    prefix,
    url,
    field,
):
    response = post(
        client, url, prefix, django_capture_on_commit_callbacks, **{field: message}
    )
    assert response.status_code in {200, 303, 400}
    assert Lead.objects.count() <= 1
