"""Every answer combination scores as the published tables say."""

import itertools
import random

import pytest
from django.http import QueryDict

from selfchecks.instruments import AUDIT, AUDIT_C, DAST_10, InvalidAnswers, score
from tests.support.selfchecks import (
    AUDIT_C_BANDS,
    AUDIT_C_POINTS,
    AUDIT_POINTS,
    AUDIT_ZONES,
    DAST_BANDS,
    DAST_POINTS,
    expected,
)


def posted(indexes) -> QueryDict:
    data = QueryDict(mutable=True)
    for number, index in enumerate(indexes, start=1):
        data[f"q{number}"] = str(index)
    return data


def test_audit_c_every_combination():
    combinations = list(itertools.product(range(5), repeat=3))
    assert len(combinations) == 125
    for indexes in combinations:
        total, band = expected(AUDIT_C_POINTS, AUDIT_C_BANDS, indexes)
        result = score(AUDIT_C, posted(indexes))
        assert (result.score, (result.band.low, result.band.high)) == (total, band)


def test_dast_10_every_combination():
    combinations = list(itertools.product(range(2), repeat=10))
    assert len(combinations) == 1024
    for indexes in combinations:
        total, band = expected(DAST_POINTS, DAST_BANDS, indexes)
        result = score(DAST_10, posted(indexes))
        assert (result.score, (result.band.low, result.band.high)) == (total, band)


def test_audit_sampled_combinations_and_extremes():
    # 5^8 * 3^2 combinations: the extremes, each zone's edges and a seeded sample.
    rng = random.Random(26)
    samples = [(0,) * 10, (4,) * 8 + (2, 2)]
    samples += [tuple(rng.randrange(len(p)) for p in AUDIT_POINTS) for _ in range(3000)]
    seen = set()
    for indexes in samples:
        total, band = expected(AUDIT_POINTS, AUDIT_ZONES, indexes)
        result = score(AUDIT, posted(indexes))
        assert (result.score, (result.band.low, result.band.high)) == (total, band)
        seen.add(total)
    assert {0, 7, 8, 15, 16, 19, 20, 40} <= seen
    assert AUDIT.max_score == 40 and AUDIT_C.max_score == 12 and DAST_10.max_score == 10


@pytest.mark.parametrize(
    ("instrument", "indexes", "urgent"),
    [
        (AUDIT, (0,) * 10, False),
        (AUDIT, (0,) * 8 + (2, 0), True),  # someone hurt in the past year
        (AUDIT, (0,) * 8 + (1, 0), False),  # hurt, but not in the past year
        (AUDIT, (0,) * 5 + (3, 0, 0, 0, 0), True),  # a morning drink every week
        (AUDIT, (2,) * 8 + (1, 1), True),  # 16 + 4 = 20: zone IV
        (AUDIT, (2,) * 8 + (0, 1), False),  # 18: zone III
        (AUDIT_C, (2, 2, 3), False),  # 7
        (AUDIT_C, (3, 2, 3), True),  # 8: the highest band
        (DAST_10, (1, 1, 0, 1, 1, 1, 1, 1, 0, 1), True),  # withdrawal alone
        (DAST_10, (0, 0, 1, 1, 1, 1, 1, 1, 1, 1), False),  # 5: moderate
        (DAST_10, (0, 0, 1, 0, 0, 0, 1, 1, 1, 1), True),  # 6: substantial
    ],
)
def test_safety_first_when_the_answers_warrant_it(instrument, indexes, urgent):
    assert score(instrument, posted(indexes)).urgent is urgent


@pytest.mark.parametrize(
    "data",
    [
        {},  # nothing
        {"q1": "0", "q2": "0"},  # one missing
        {"q1": "0", "q2": "0", "q3": "5"},  # out of range
        {"q1": "0", "q2": "0", "q3": "-1"},
        {"q1": "0", "q2": "0", "q3": "x"},
        {"q1": "0", "q2": "0", "q3": "\u0663"},  # a non-ASCII digit
        {"q1": "0", "q2": "0", "q3": "0" * 5000},
        {"q1": "0", "q2": "0", "q3": "0", "score": "0"},  # a tampered score
    ],
)
def test_bad_answers_are_refused(data):
    query = QueryDict(mutable=True)
    query.update(data)
    with pytest.raises(InvalidAnswers):
        score(AUDIT_C, query)


def test_a_repeated_answer_is_refused():
    with pytest.raises(InvalidAnswers):
        score(AUDIT_C, QueryDict("q1=0&q1=4&q2=0&q3=0"))
