"""The lead form block printed in Python (`{% location_contact %}`, `{% lead_form %}`,
`{% side_help %}`, with the crisis line and notice links inside them,
contact/templatetags/contact_tags.py) matches its reference templates
(contact/includes/location_contact.html, lead_form.html, callback_fields.html,
side_help.html, notice_links.html, components/crisis_line.html) byte for byte:
blank, bound and with errors, with and without a token, in English and Spanish."""

import itertools
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from contact.cost_forms import EstimateRequestForm, InsuranceCheckForm
from contact.forms import ChatRequestForm, InquiryForm
from contact.templatetags.contact_tags import (
    _is_constant_blank,
    crisis_line,
    notice_links,
)
from lantana.core.chrome import _e
from notices.current import NoticeLink

pytestmark = pytest.mark.django_db
LANGUAGES = ["en", "es"]
TYPED = "Sam <b>\"&'"
FORMS = [InquiryForm, ChatRequestForm, InsuranceCheckForm, EstimateRequestForm]
ANSWERS = [
    None,
    {},
    {
        "preferred_name": TYPED,
        "email": "not an email",
        "phone": "843 & 555",
        "message": "Line one\n<b>two</b> & 'three'",
        "preferred_method": "pigeon",
        "voicemail_ok": "on",
    },
    {
        "preferred_name": "Sam",
        "phone": "(843) 555-0100",
        "preferred_method": "text",
        "lead_for": "loved_one",
        "consent": "on",
    },
]
NOTICES = [
    NoticeLink(
        "privacy-practices", "Notice of privacy practices", "/n/p/?a=1&b=2", 1, 1
    ),
    NoticeLink("website-privacy", "Website & <privacy>", "/n/w/", 2, 2),
    NoticeLink("nondiscrimination", "100% Nondiscrimination", "/n/n/", 3, 3),
]


def clinic(filled: bool, crisis_phone: str = ""):
    return SimpleNamespace(
        phone="(843) 555-0134" if filled else "",
        text_line="843 555 & 0178" if filled else "",
        crisis_phone=crisis_phone,
    )


def wording(language: str, filled: bool):
    return SimpleNamespace(
        language=language, admissions_hours="Open 24/7 & it's free" if filled else ""
    )


def both(printed: str, drawn: str, values: dict) -> tuple[str, str]:
    """The tag and its reference template, rendered in the same context."""
    return (
        Template("{% load contact_tags %}" + printed).render(Context(values)),
        Template(drawn).render(Context(values)),
    )


def bound_form(form_class, answers):
    prefix = form_class.__name__.lower()
    if answers is None:
        return form_class(prefix=prefix, initial={"source_path": "/a/?b=1&c=2"})
    data = {f"{prefix}-{name}": value for name, value in answers.items()}
    form = form_class(data=data, prefix=prefix)
    form.is_valid()
    return form


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("form_class", FORMS)
@pytest.mark.parametrize("answers", ANSWERS)
def test_lead_form(form_class, answers, language):
    with translation.override(language):
        form = bound_form(form_class, answers)
        if answers is ANSWERS[2]:
            assert form.errors
        for with_token, by_script, notice, label in itertools.product(
            [True, False], [True, False], ["", "Press <Send> & again"], ["", "Go & go"]
        ):
            printed, drawn = both(
                "{% lead_form form action=action with_token=with_token "
                "notice=notice submit_label=label %}",
                '{% include "contact/includes/lead_form.html" with form=form '
                "action=action with_token=with_token notice=notice "
                "submit_label=label %}",
                {
                    "form": form,
                    "action": "/a/?b=1&c=2#x",
                    "with_token": with_token,
                    "token_by_script": by_script,
                    "notice": notice,
                    "label": label,
                    "csrf_token": "t0k<en>",
                },
            )
            assert printed == drawn, (with_token, by_script, notice, label)


@pytest.mark.parametrize("language", LANGUAGES)
def test_side_help(language):
    with translation.override(language):
        for filled, crisis_phone, words_in, hours in itertools.product(
            [True, False], ["", "988", "555 123 <4567>"], LANGUAGES, [True, False]
        ):
            values = {
                "settings": {"core": {"SiteSettings": clinic(filled, crisis_phone)}},
                "site_wording": wording(words_in, hours),
            }
            printed, drawn = both(
                "{% side_help %}",
                '{% include "contact/includes/side_help.html" %}',
                values,
            )
            assert printed == drawn, (filled, crisis_phone, words_in, hours)


@pytest.mark.parametrize("language", LANGUAGES)
def test_crisis_line_and_notice_links(language):
    with translation.override(language):
        for crisis in ["988", "(843) 555-0100", "1 & <2>"]:
            _, drawn = both(
                "",
                '{% include "components/crisis_line.html" %}',
                {"crisis": crisis},
            )
            assert crisis_line(crisis) == drawn
        for count in range(len(NOTICES) + 1):
            links = NOTICES[:count]
            _, drawn = both(
                "",
                '{% include "contact/includes/notice_links.html" %}',
                {"links": links},
            )
            assert notice_links(links) == drawn


@pytest.mark.parametrize("language", LANGUAGES)
def test_location_contact(location, site, language):
    location.title = 'Charleston & "Co" <b>'
    request = RequestFactory().get("/")
    request._wagtail_site = site
    cases = [
        {"form": bound_form(InquiryForm, answers), "token_by_script": by_script}
        for answers, by_script in itertools.product(ANSWERS, [True, False])
    ]
    cases += [
        {"form": bound_form(InquiryForm, None), "notice": "Press <Send> & again"},
        {"sent": True, "receipt": None, "thank_you": ("Thanks", "<p>Soon</p>")},
    ]
    with translation.override(language):
        for case in cases:
            values = {
                "page": location,
                "request": request,
                "csrf_token": "t0k<en>",
                "settings": {"core": {"SiteSettings": clinic(True)}},
                "site_wording": wording("en", True),
                **case,
            }
            printed, drawn = both(
                "{% location_contact %}",
                '{% include "contact/includes/location_contact.html" %}',
                values,
            )
            assert printed == drawn, case


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("form_class", [InquiryForm, EstimateRequestForm])
def test_blank_fields_drawn_once_take_each_pages_values(form_class, language):
    """A blank inquiry form's fields are drawn once per language with stand-ins
    for the source path and the consent wording: each form still prints its own."""
    with translation.override(language):
        for path, text, pk in [
            ("/a/", "I agree.", 1),
            ("/b/?q=<x>&y='1'", 'Yes & <b>"no"</b>', 12),
            ("/es/ubicación/", "Acepto.", 3),
        ]:
            form = form_class(prefix="inquiry", initial={"source_path": path})
            form.wording = SimpleNamespace(text=text, pk=pk)
            assert _is_constant_blank(form)
            printed, drawn = both(
                "{% lead_form form action='/a/' %}",
                '{% include "contact/includes/lead_form.html" with form=form '
                "action='/a/' %}",
                {"form": form},
            )
            assert printed == drawn
            assert _e(path) in printed and _e(text) in printed


def test_forms_reading_choices_from_the_database_are_drawn_each_time():
    assert not InsuranceCheckForm.blank_is_constant
    assert not ChatRequestForm.blank_is_constant
