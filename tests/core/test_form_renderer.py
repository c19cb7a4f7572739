"""The lead forms' inputs printed in Python are Django's own, byte for byte."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from contact.forms import ChatRequestForm, InquiryForm
from lantana.core.form_renderer import FastInputRenderer


def every_widget(form):
    described = {"aria-describedby": 'x-hint "quoted" <b>'}
    for field in form:
        for attrs in (None, described):
            yield field.name, field.as_widget(attrs=attrs)


@pytest.mark.parametrize("form_class", [InquiryForm, ChatRequestForm])
@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {
            "preferred_name": 'Sam <script>"&',
            "email": "not an email",
            "phone": "843 & 555",
            "message": "Line one\n<b>two</b> & 'three'",
            "consent": "on",
            "voicemail_ok": "on",
        },
    ],
)
def test_every_field_of_the_lead_forms_is_drawn_as_django_draws_it(
    db, form_class, data
):
    fast = form_class(data=data, renderer=FastInputRenderer())
    django_drawn = form_class(data=data, renderer=DjangoTemplates())
    if data is not None:
        fast.is_valid(), django_drawn.is_valid()
    assert form_class().renderer.__class__ is FastInputRenderer
    assert dict(every_widget(fast)) == dict(every_widget(django_drawn))


class Every(forms.Form):
    text = forms.CharField(max_length=5, widget=forms.TextInput(attrs={"a": True}))
    number = forms.IntegerField(min_value=1)
    hidden = forms.CharField(widget=forms.HiddenInput, initial=mark_safe("<i>"))
    url = forms.URLField(required=False, disabled=True, assume_scheme="https")
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2, "b": False}))
    check = forms.BooleanField(initial=True)
    choice = forms.ChoiceField(
        choices=[("", "—"), ("a&b", "A & B"), ("Group <1>", [(1, "One"), (2, '"Two"')])]
    )


@pytest.mark.parametrize(
    "data", [None, {"text": "a\"'<>&", "number": "x", "note": "", "choice": "2"}]
)
def test_each_kind_of_input_it_prints(data):
    fast = Every(data=data, renderer=FastInputRenderer())
    django_drawn = Every(data=data, renderer=DjangoTemplates())
    drawn = dict(every_widget(django_drawn))
    assert dict(every_widget(fast)) == drawn
    assert "<textarea" in drawn["note"] and 'type="hidden"' in drawn["hidden"]
    assert "<optgroup" in drawn["choice"]
