"""When nobody is online: "Chat with us" offers a call, a text and the crisis line
first, then a callback request of a first name, a phone number and consent."""

import re

import pytest
from django.test import Client

from contact import dialog
from contact.choices import ContactMethod, ContactTime, LeadFor
from contact.forms import CALLBACK_PHONE_MESSAGE, ChatRequestForm
from contact.templatetags.contact_tags import chat_dialog_url
from lantana.core.models import SiteSettings
from lantana.core.templatetags.core_tags import crisis_links
from tests.support.leads import chat_requests, lead_data

DETAILS = ("preferred_method", "best_time", "voicemail_ok", "lead_for")
DETAILS += ("first_message",)


def short_post(**overrides) -> dict:
    """What a visitor sends who types only a first name and a phone number."""
    data = lead_data("chat", **overrides)
    asked = {"preferred_name", "phone", "consent", "submission_id", "stamp"}
    asked |= {"leave_blank", "source_path", *overrides}
    return {key: value for key, value in data.items() if key[5:] in asked}


@pytest.fixture
def clinic(home):
    settings = SiteSettings.for_site(home.get_site())
    settings.text_line = "(843) 555-0178"
    settings.save()
    return settings


def test_the_callback_form_asks_a_name_a_phone_and_consent_then_details():
    form = ChatRequestForm(prefix="chat")
    assert [name for name, field in form.fields.items() if field.required] == [
        "preferred_name",
        "phone",
        "consent",
    ]
    assert form.detail_names == DETAILS
    # One question about when: no select of times beside the free text.
    assert "preferred_time" not in form.fields and "best_time" in form.fields
    assert "email" not in form.fields and "email_ok" not in form.fields


def test_two_fields_and_consent_are_a_callback_request(client, home):
    response = client.post("/chat/", short_post(preferred_name="Jo"))
    assert response.status_code == 303
    lead = chat_requests().get()
    assert (lead.preferred_name, lead.phone) == ("Jo", "+18435550199")
    # The columns the short form does not ask keep what intake expects.
    assert lead.preferred_method == ContactMethod.PHONE
    assert lead.preferred_time == ContactTime.ANY
    assert lead.lead_for == LeadFor.SELF
    assert (lead.email, lead.best_time, lead.voicemail_ok) == ("", "", False)


def test_the_details_are_kept_when_given(client, home):
    data = lead_data(
        "chat",
        preferred_method="text",
        best_time="After 6 pm",
        voicemail_ok="on",
        lead_for="loved_one",
        first_message="About my son",
    )
    assert client.post("/chat/", data).status_code == 303
    lead = chat_requests().get()
    assert lead.preferred_method == ContactMethod.TEXT
    assert (lead.best_time, lead.voicemail_ok) == ("After 6 pm", True)
    assert (lead.lead_for, lead.first_message) == (LeadFor.LOVED_ONE, "About my son")


def test_no_phone_re_renders_with_the_name_kept_and_stores_nothing(client, home):
    response = client.post("/chat/", short_post(preferred_name="Jo", phone=" "))
    html = response.content.decode()
    assert response.status_code == 400
    assert str(CALLBACK_PHONE_MESSAGE) in html
    assert 'value="Jo"' in html
    assert chat_requests().count() == 0


@pytest.mark.parametrize(
    ("overrides", "is_open"),
    [
        ({}, False),
        ({"best_time": "Mornings"}, True),
        ({"first_message": "x" * 600}, True),  # too long: its error is shown
        ({"voicemail_ok": "on"}, True),
        ({"preferred_method": "phone"}, False),  # the default choice
    ],
)
def test_details_open_when_something_in_them_was_typed_or_is_wrong(overrides, is_open):
    form = ChatRequestForm(short_post(**overrides), prefix="chat")
    form.is_valid()
    assert form.details_open is is_open


def test_the_chat_page_offers_a_call_and_a_text_before_the_form(client, clinic):
    html = client.get("/chat/").content.decode()
    body = html[html.index("data-chat-body") :]
    form = body.index("<form")
    for href in (
        'href="tel:+18435550134"',  # the clinic
        'href="sms:+18435550178"',  # its text line
        'href="tel:988"',
        'href="sms:988"',
        'href="tel:911"',
    ):
        assert body.index(href) < form, href
    assert "leave your number and we’ll call you" in body
    assert '<details class="lead-form__details">' in body


def test_the_dialog_shows_the_clinic_details_and_changes_with_them(clinic):
    html = Client().get(chat_dialog_url()).content.decode()
    assert 'href="tel:+18435550134"' in html and 'href="sms:+18435550178"' in html
    before = chat_dialog_url()
    clinic.phone = "(843) 555-0100"
    clinic.save()
    assert chat_dialog_url() != before
    assert 'href="tel:+18435550100"' in Client().get(chat_dialog_url()).content.decode()


def test_the_dialog_without_clinic_details_still_offers_a_phone(db):
    html = dialog.markup(None)
    assert 'href="tel:+18435550134"' in html  # CLINIC_FALLBACK_PHONE
    assert 'href="tel:988"' in html and 'href="tel:911"' in html


def test_a_crisis_callback_gets_the_crisis_thank_you(client, home):
    response = client.post(
        "/chat/", short_post(first_message="I took a bunch of pills and want to die")
    )
    thanks = client.get(response["Location"]).content.decode()
    thanks = thanks[thanks.index("data-lead-thanks") :]
    assert chat_requests().get().is_urgent
    urgent = thanks.index("lead-thanks__urgent")
    assert urgent < thanks.index('href="tel:988"') < thanks.index("<h2")
    assert thanks.index('href="tel:911"') < thanks.index("<h2")


def test_every_page_links_988_and_911_in_the_banner_and_the_footer(client, home):
    html = client.get("/").content.decode()
    banner = html[html.index('class="crisis-banner"') : html.index("</aside>")]
    footer = html[html.index('class="site-footer"') :]
    for part in (banner, footer):
        for href in ('href="tel:988"', 'href="sms:988"', 'href="tel:911"'):
            assert href in part
    # No 988 or 911 in the banner's words outside a link.
    words = re.sub(r"<a [^>]*>.*?</a>", "", banner)
    assert "988" not in words and "911" not in words


def test_the_contact_page_puts_the_call_box_before_the_form(client, contact_page):
    html = client.get("/contact/").content.decode()
    assert html.index('class="lead-side"') < html.index("data-lead-form")


@pytest.mark.parametrize(
    ("text", "html"),
    [
        (
            "In crisis? Call or text 988.",
            'In crisis? <a href="tel:988">Call 988</a> or '
            '<a href="sms:988">text 988</a>.',
        ),
        ("Text 988 now", '<a href="sms:988">Text 988</a> now'),
        ("Dial 911 <b>", 'Dial <a href="tel:911">911</a> &lt;b&gt;'),
        ("(843) 555-0988 and 19880", "(843) 555-0988 and 19880"),
    ],
)
def test_crisis_numbers_in_editor_text_become_links(text, html):
    assert crisis_links(text) == html
