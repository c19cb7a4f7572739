"""Each validation rule, on the form and through the page: clear message, nothing stored."""

import pytest

from contact.forms import (
    CALLBACK_PHONE_MESSAGE,
    CHANNEL_MESSAGE,
    CONSENT_MESSAGE,
    CONTROL_CHARS_MESSAGE,
    PHONE_MESSAGE,
    ChatRequestForm,
    InquiryForm,
    normalize_us_phone,
)
from tests.support.leads import chat_requests, inquiries, lead_data


def bound(form_class, **overrides):
    prefix = "chat" if form_class is ChatRequestForm else "inquiry"
    return form_class(lead_data(prefix, **overrides), prefix=prefix)


@pytest.mark.parametrize(
    "typed",
    [
        "(843) 555-0134",
        "843-555-0134",
        "843.555.0134",
        "8435550134",
        "+1 843 555 0134",
        "1 (843) 555-0134",
        " 843 555 0134 ",
    ],
)
def test_us_phone_numbers_become_e164(typed):
    assert normalize_us_phone(typed) == "+18435550134"


@pytest.mark.parametrize(
    "typed",
    [
        "555-0134",  # no area code
        "(043) 555-0134",  # area code cannot start with 0
        "(843) 155-0134",  # exchange cannot start with 1
        "+44 20 7946 0958",  # not a US number
        "843555013412",  # too long
        "call me",
        "843-555-01ab",
        "++1 843 555 0134",
    ],
)
def test_other_phone_text_is_refused(typed):
    assert normalize_us_phone(typed) is None
    form = bound(InquiryForm, phone=typed)
    assert not form.is_valid()
    assert form.errors["phone"] == [PHONE_MESSAGE]


@pytest.mark.parametrize("form_class", [InquiryForm, ChatRequestForm])
def test_a_valid_form_normalises_the_phone(form_class):
    form = bound(form_class, phone="843.555.0199")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == "+18435550199"


def test_name_is_required_and_blank_is_not_a_name():
    for value in ["", "   "]:
        form = bound(InquiryForm, preferred_name=value)
        assert not form.is_valid()
        assert form.errors["preferred_name"] == ["Tell us what we should call you."]


def test_name_is_bounded():
    assert not bound(InquiryForm, preferred_name="x" * 81).is_valid()
    assert bound(InquiryForm, preferred_name="x" * 80).is_valid()


def test_email_must_be_an_address():
    form = bound(InquiryForm, email="not-an-email", preferred_method="email")
    assert not form.is_valid()
    assert form.errors["email"] == ["Enter an email address like name@example.com."]


def test_email_alone_is_enough_when_email_is_the_way():
    form = bound(
        InquiryForm, phone="", email="sam@example.com", preferred_method="email"
    )
    assert form.is_valid(), form.errors


def test_at_least_one_channel_is_required():
    form = bound(InquiryForm, phone="", email="")
    assert not form.is_valid()
    assert form.errors["phone"] == [CHANNEL_MESSAGE]
    assert form.errors["email"] == [CHANNEL_MESSAGE]


def test_the_chosen_way_needs_its_detail():
    form = bound(
        InquiryForm, phone="", email="sam@example.com", preferred_method="text"
    )
    assert not form.is_valid()
    assert "phone" in form.errors
    form = bound(InquiryForm, phone="8435550199", email="", preferred_method="email")
    assert not form.is_valid()
    assert "email" in form.errors


def test_consent_is_required():
    form = bound(InquiryForm, consent=None)
    assert not form.is_valid()
    assert form.errors["consent"] == [CONSENT_MESSAGE]


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85"])
@pytest.mark.parametrize(
    "form_class,field",
    [
        (InquiryForm, "preferred_name"),
        (InquiryForm, "message"),
        (ChatRequestForm, "best_time"),
        (ChatRequestForm, "first_message"),
        (InquiryForm, "phone"),
    ],
)
def test_control_characters_are_refused_with_a_message(form_class, field, char):
    form = bound(form_class, **{field: f"Sam{char}here"})
    assert not form.is_valid()
    assert form.errors[field] == [CONTROL_CHARS_MESSAGE]


def test_line_breaks_and_tabs_are_fine_in_a_message():
    form = bound(InquiryForm, message="Line one\r\nline two\tand a tab")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["message"] == "Line one\r\nline two\tand a tab"


def test_messages_are_bounded():
    assert not bound(InquiryForm, message="x" * 2001).is_valid()
    assert bound(InquiryForm, message="x" * 2000).is_valid()
    assert not bound(ChatRequestForm, first_message="x" * 501).is_valid()
    assert not bound(ChatRequestForm, best_time="x" * 121).is_valid()


def test_choices_must_be_ours():
    assert "preferred_method" in bound(InquiryForm, preferred_method="pigeon").errors
    assert "preferred_time" in bound(InquiryForm, preferred_time="midnight").errors
    assert "lead_for" in bound(InquiryForm, lead_for="boss").errors


def test_bad_bookkeeping_values_are_dropped_not_shown():
    form = bound(
        InquiryForm,
        source_path="https://evil.example/x",
        utm_source="x" * 500,
        utm_medium="a\x00b",
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["source_path"] == ""
    assert form.cleaned_data["utm_source"] == "x" * 100
    assert form.cleaned_data["utm_medium"] == ""


def test_source_path_keeps_the_path_only():
    form = bound(InquiryForm, source_path="/articles/x/?email=sam@example.com#top")
    assert form.is_valid()
    assert form.cleaned_data["source_path"] == "/articles/x/"


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"preferred_name": ""}, "preferred_name"),
        ({"phone": "12"}, "phone"),
        ({"consent": None}, "consent"),
        ({"message": "hi\x00"}, "message"),
    ],
)
def test_the_page_re_renders_with_the_error_next_to_the_field(
    client, contact_page, overrides, field
):
    response = client.post("/contact/", lead_data("inquiry", **overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert "data-error-summary" in html
    assert f'id="id_inquiry-{field}-error"' in html
    assert f'aria-describedby="id_inquiry-{field}' in html or field == "consent"
    assert inquiries().count() == 0
    assert "no-store" in response["Cache-Control"]


def test_the_chat_page_re_renders_with_errors(client, home):
    response = client.post("/chat/", lead_data("chat", phone="", email=""))
    assert response.status_code == 400
    assert str(CALLBACK_PHONE_MESSAGE) in response.content.decode()
    assert chat_requests().count() == 0


def test_typed_values_survive_a_re_render(client, contact_page):
    response = client.post(
        "/contact/", lead_data("inquiry", phone="12", message="About my brother")
    )
    html = response.content.decode()
    assert "About my brother" in html
    assert 'value="Sam"' in html


@pytest.mark.parametrize(
    "source",
    ["//evil.example/x", "/\\evil.example/x", "/a\\b", "https://evil.example/x", "x/"],
)
def test_the_source_page_must_be_a_path_on_this_site(source):
    form = bound(InquiryForm, source_path=source)
    assert form.is_valid()
    assert form.cleaned_data["source_path"] == ""
