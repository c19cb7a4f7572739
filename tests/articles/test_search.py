"""Site search: articles, clinicians and pages; safe with odd input."""

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from demo.blocks import paragraphs, stream
from demo.factories.core import StandardPageFactory
from tests.support.html import ok_soup


def result_titles(response):
    return [
        h.get_text(strip=True)
        for h in ok_soup(response).select(".search-result__title")
    ]


@pytest.fixture
def searchable_articles(make_article):
    make_article(
        title="Sleep after stopping",
        body=stream(paragraphs("Melatonin and steady mornings help the body reset.")),
    )
    make_article(
        title="A draft about melatonin",
        body=stream(paragraphs("Melatonin draft text.")),
        live=False,
    )


def test_finds_an_article_by_a_word_in_its_body_but_not_a_draft(
    client, searchable_articles
):
    response = client.get("/search/", {"q": "melatonin"})
    assert result_titles(response) == ["Sleep after stopping"]
    assert "1 result for “melatonin”" in ok_soup(response).get_text()


def test_finds_clinicians_and_standard_pages(client, home, author, searchable_articles):
    StandardPageFactory(parent=home, title="Admissions", intro="How to start with us.")
    assert result_titles(client.get("/search/", {"q": "Okafor"})) == [
        "Maya Okafor, LMSW"
    ]
    assert result_titles(client.get("/search/", {"q": "admissions"})) == ["Admissions"]


def test_empty_query_shows_a_prompt(client, searchable_articles):
    page = ok_soup(client.get("/search/", {"q": "   "}))
    assert page.select(".search-result") == []
    assert "Type a word or two" in page.get_text()


def test_no_results_suggest_calling_or_chatting(client, searchable_articles):
    page = ok_soup(client.get("/search/", {"q": "zebra"}))
    empty = page.select_one(".empty-state")
    assert "Nothing found for “zebra”" in empty.get_text()
    assert empty.select_one('a[href="tel:+18435550134"]')
    assert empty.select_one('a[href="/chat/"]')


def test_markup_in_the_query_is_escaped(client, searchable_articles):
    response = client.get(
        "/search/", {"q": '<script>alert("x")</script> & "melatonin"'}
    )
    assert response.status_code == 200
    assert b'<script>alert("x")' not in response.content
    assert b"&lt;script&gt;" in response.content


def test_a_long_query_is_cut_to_200_characters(client, searchable_articles):
    value = ok_soup(client.get("/search/", {"q": "a" * 10_000})).select_one(
        "#search-page-q"
    )["value"]
    assert len(value) == 200


def test_punctuation_and_operators_around_a_word_still_find_it(
    client, searchable_articles
):
    for query in [
        '"melatonin"',
        "melatonin*",
        "(melatonin)",
        "melatonin^",
        "'melatonin'",
    ]:
        assert result_titles(client.get("/search/", {"q": query})) == [
            "Sleep after stopping"
        ], query


def test_a_query_of_punctuation_only_finds_nothing_and_says_so(
    client, searchable_articles
):
    page = ok_soup(client.get("/search/", {"q": '"<>" \\ ()'}))
    assert page.select(".search-result") == []
    assert page.select_one(".empty-state")


# What full-text syntaxes choke on: SQLite FTS5 ("quotes", AND/OR/NOT/NEAR, *, ^,
# column filters, parentheses), PostgreSQL tsquery (&, |, !, <->, :*), and the rest.
HOSTILE_PIECES = [
    '"',
    "'",
    "\\",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "NEAR(",
    "*",
    "^",
    "(",
    ")",
    ":",
    "title:",
    "{title body}:",
    "-",
    "+",
    "&",
    "|",
    "!",
    "<->",
    ":*",
    "%",
    "%s",
    "--",
    ";",
    "<>",
    "\x00",
    "\x1b",
    "\x7f",
    "\x85",
    "\u2028",
    "\u202e",
    "\ufffd",
    "😀",
    "🏳️‍🌈",
    "e\u0301",
    "melatonin",
    " ",
]
HOSTILE_QUERIES = st.one_of(
    st.lists(st.sampled_from(HOSTILE_PIECES), min_size=1, max_size=12).map("".join),
    st.text(max_size=80),
    st.sampled_from(
        [
            '"<>" AND \\',
            "a" * 10_000,
            '"' * 10_000,
            "AND " * 2_500,
            "\\" * 10_000,
            "😀" * 2_500,
            "melatonin " * 1_000,
            "&|!():*'\"\\ <>",
            "\x00\x01 sleep",
        ]
    ),
)


@given(query=HOSTILE_QUERIES)
@hypothesis_settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
def test_no_query_string_makes_search_fail(client, searchable_articles, query):
    response = client.get("/search/", {"q": query, "page": "2"})
    assert response.status_code == 200, repr(query)


def test_results_are_paginated(client, make_article):
    for n in range(12):
        make_article(title=f"Family guide {n}", summary="About family life.")
    first = client.get("/search/", {"q": "family"})
    assert len(result_titles(first)) == 10
    second = client.get("/search/", {"q": "family", "page": "2"})
    assert len(result_titles(second)) == 2
    assert client.get("/search/", {"q": "family", "page": "x"}).status_code == 200
    assert client.get("/search/", {"q": "family", "page": "99"}).status_code == 200
