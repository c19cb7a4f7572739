"""Property: arbitrary text never causes a 5xx; invalid stores nothing; valid round-trips."""

import unicodedata
import uuid

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from lantana.core.text import strip_invisible
from tests.support.leads import chat_requests, inquiries, lead_data

ANY_TEXT = st.one_of(
    st.text(max_size=120),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    st.text(min_size=1, max_size=60).map(
        lambda text: "=" + text
    ),  # spreadsheet formulas
    st.text(max_size=30).map(
        lambda text: f"\u202e{text}\u200f"
    ),  # RTL overrides and marks
    st.text(max_size=30).map(lambda text: f"{text}\x00{text}"),
    st.sampled_from(["x" * 20_000, "é" * 20_000, "\r\n" * 300, " ", "\t\n"]),
    st.sampled_from(
        ["Ünïcødé 😀", "שלום", "مرحبا", "名前", "-- DROP TABLE", "<script>"]
    ),
)

SETTINGS = hypothesis_settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)


def no_controls(text: str, allowed: str = "") -> bool:
    return not any(
        unicodedata.category(char) == "Cc" and char not in allowed for char in text
    )


def name_ok(text: str) -> bool:
    # Bidi controls and zero-width characters are left out before any rule.
    kept = strip_invisible(text)
    return 0 < len(kept) <= 80 and kept.strip() != "" and no_controls(text)


def message_ok(text: str, limit: int) -> bool:
    return len(strip_invisible(text)) <= limit and no_controls(text, "\n\r\t")


@pytest.fixture
def open_door(settings, contact_page):
    settings.LEAD_RATE_LIMIT = 0
    return contact_page


def check(client, url, prefix, model, fields, valid, expected):
    submission_id = str(uuid.uuid4())
    response = client.post(
        url, lead_data(prefix, submission_id=submission_id, **fields)
    )
    assert response.status_code < 500, response.status_code
    stored = model().filter(submission_id=submission_id).first()
    if valid:
        assert response.status_code == 303, response.content[:2000]
        assert stored is not None
        for name, value in expected.items():
            assert getattr(stored, name) == value, name
    else:
        assert response.status_code in (400, 200)
        assert stored is None


@SETTINGS
@given(name=ANY_TEXT, message=ANY_TEXT)
def test_inquiry_form_with_arbitrary_text(client, open_door, name, message):
    valid = name_ok(name) and message_ok(message, 2000)
    check(
        client,
        "/contact/",
        "inquiry",
        inquiries,
        {"preferred_name": name, "message": message},
        valid,
        {"preferred_name": strip_invisible(name), "message": strip_invisible(message)},
    )


@SETTINGS
@given(name=ANY_TEXT, best_time=ANY_TEXT, first_message=ANY_TEXT)
def test_chat_form_with_arbitrary_text(
    client, open_door, name, best_time, first_message
):
    valid = (
        name_ok(name)
        and len(strip_invisible(best_time)) <= 120
        and no_controls(best_time)  # one line: no line breaks either
        and message_ok(first_message, 500)
    )
    check(
        client,
        "/chat/",
        "chat",
        chat_requests,
        {
            "preferred_name": name,
            "best_time": best_time,
            "first_message": first_message,
        },
        valid,
        {
            "preferred_name": strip_invisible(name),
            "best_time": strip_invisible(best_time),
            "first_message": strip_invisible(first_message),
        },
    )


@hypothesis_settings(SETTINGS, max_examples=100)
@given(phone=ANY_TEXT, email=ANY_TEXT)
def test_contact_details_with_arbitrary_text(client, open_door, phone, email):
    # No oracle for validity here: never a 5xx, and nothing stored unless it is valid.
    submission_id = str(uuid.uuid4())
    data = lead_data("inquiry", submission_id=submission_id, phone=phone, email=email)
    response = client.post("/contact/", data)
    assert response.status_code < 500
    stored = inquiries().filter(submission_id=submission_id).first()
    if response.status_code == 303:
        assert stored is not None
        assert stored.phone == "" or stored.phone.startswith("+1")
    else:
        assert stored is None
