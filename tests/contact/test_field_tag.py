"""`{% lead_field %}` prints a lead form's field exactly as the template
`contact/includes/field.html` draws it, for every field of every lead form."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from contact.chat.forms import LiveChatForm
from contact.cost_forms import EstimateRequestForm, InsuranceCheckForm
from contact.forms import ChatRequestForm, InquiryForm
from contact.templatetags.contact_tags import lead_field

BAD = {
    "preferred_name": 'Sam <script>"&',
    "email": "not an email",
    "phone": "843 & 555",
    "message": "Line one\n<b>two</b> & 'three'",
    "first_message": "",
    "preferred_method": "pigeon",
    "consent": "",
    "voicemail_ok": "on",
}


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(
    "form_class",
    [
        InquiryForm,
        ChatRequestForm,
        LiveChatForm,
        InsuranceCheckForm,
        EstimateRequestForm,
    ],
)
@pytest.mark.parametrize("data", [None, {}, BAD])
def test_every_field_is_printed_as_the_template_draws_it(
    db, form_class, data, language
):
    with translation.override(language):
        form = form_class(data=data, prefix=form_class.__name__.lower())
        if data is not None:
            form.is_valid()
        fields = list(form)
        assert fields
        for field in fields:
            drawn = render_to_string("contact/includes/field.html", {"field": field})
            assert lead_field(field) == drawn, field.name
        if data is BAD:
            assert any(field.errors for field in fields)
