"""Input that looks right (issue 22): phone digits are 0-9, and names and
messages carry no bidi controls or zero-width characters; stored ones are shown."""

import pytest
from django.urls import reverse

from contact.chat import services
from contact.forms import PHONE_DIGITS_MESSAGE, InquiryForm
from contact.permissions import get_lead_reviewers_group
from contact.phones import normalize_us_phone
from demo.factories.leads import InquiryFactory
from lantana.core.text import reveal_invisible, strip_invisible
from tests.support.auth import sign_in
from tests.support.leads import inquiries, lead_data, make_user

RLO = "\u202e"


@pytest.mark.parametrize(
    "typed",
    [
        "٨٤٣ ٥٥٥ ٠١٣٤",  # Arabic-Indic
        "۸۴۳ ۵۵۵ ۰۱۳۴",  # Extended Arabic-Indic (Persian)
        "८४३ ५५५ ०१३४",  # Devanagari
        "843 555 ٠١٣٤",  # mixed
    ],
)
def test_phone_digits_other_than_0_to_9_are_refused_with_a_message(typed):
    assert normalize_us_phone(typed) is None
    form = InquiryForm(lead_data("inquiry", phone=typed), prefix="inquiry")
    assert not form.is_valid()
    assert form.errors["phone"] == [PHONE_DIGITS_MESSAGE]


@pytest.mark.parametrize(
    "typed",
    [
        "（８４３）５５５－０１３４",  # full-width, as a Japanese keyboard types them
        "８４３ ５５５ ０１３４",
        "843\u00a0555\u00a00134",  # no-break spaces
    ],
)
def test_compatibility_forms_fold_to_ascii_digits(typed):
    """NFKC first: full-width digits are the digits 0-9 in another width."""
    assert normalize_us_phone(typed) == "+18435550134"


def test_a_phone_in_arabic_indic_digits_stores_nothing(client, contact_page):
    response = client.post(contact_page.url, lead_data("inquiry", phone="٨٤٣ ٥٥٥ ٠١٣٤"))
    assert response.status_code == 400
    assert str(PHONE_DIGITS_MESSAGE) in response.content.decode()
    assert not inquiries().exists()


@pytest.mark.parametrize(
    "text, stored",
    [
        (f"Sam{RLO}gpj.exe", "Samgpj.exe"),
        ("Sa\u200bm", "Sam"),
        ("\u2067Sam\u2069", "Sam"),
        ("\ufeffSam\u200e", "Sam"),
        ("José", "José"),
        ("❤\ufe0f\u200d🩹", "❤\ufe0f\u200d🩹"),  # a joiner inside an emoji stays
    ],
)
def test_invisible_characters_are_left_out_of_names_and_messages(
    client, contact_page, text, stored
):
    response = client.post(
        contact_page.url,
        lead_data("inquiry", preferred_name=text, message=f"hello {text}"),
    )
    assert response.status_code == 303
    lead = inquiries().get()
    assert (lead.preferred_name, lead.message) == (stored, f"hello {stored}")


def test_a_name_of_nothing_but_invisible_characters_is_required(client, contact_page):
    response = client.post(
        contact_page.url, lead_data("inquiry", preferred_name="\u200b\u200b")
    )
    assert response.status_code == 400
    assert not inquiries().exists()


def test_chat_messages_leave_them_out_too():
    assert services.clean_text(f"call me{RLO} at six") == "call me at six"
    with pytest.raises(services.ChatError) as refused:
        services.clean_text("\u200b\u200d\u2060")
    assert refused.value.code == "empty"


def test_reveal_shows_each_one():
    assert reveal_invisible(f"a{RLO}b\u200bc") == "a[U+202E]b[U+200B]c"
    assert strip_invisible("plain") == "plain"


def test_staff_see_invisible_characters_stored_before_as_codes(client, location):
    lead = InquiryFactory(
        location=location, preferred_name=f"Sam{RLO}gpj.exe", message=f"x{RLO}y"
    )
    reviewer = make_user("rae")
    reviewer.groups.add(get_lead_reviewers_group())
    sign_in(client, reviewer)
    html = client.get(reverse("leads:inspect", args=[lead.pk])).content.decode()
    assert RLO not in html
    assert "Sam[U+202E]gpj.exe" in html
    assert "x[U+202E]y" in html
