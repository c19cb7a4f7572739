from django import template
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .. import dialog

register = template.Library()


@register.simple_tag(takes_context=True)
def chat_dialog_url(context=None):
    """Where chat.js fetches the dialog (contact/dialog.py): changes with it, and
    with the clinic details it shows."""
    request = context.get("request") if context is not None else None
    clinic = dialog.get_clinic(request)
    return f"{reverse('contact:chat_dialog')}?v={dialog.version(clinic)}"


@register.filter
def describedby(field) -> str:
    """The ids that describe a field: its hint and its error, when present."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.filter
def control(field):
    """The field's widget with its hint and error tied to it by aria-describedby."""
    described = describedby(field)
    attrs = {"aria-describedby": described} if described else {}
    return field.as_widget(attrs=attrs)


def _error_html(field) -> str:
    if not field.errors:
        return ""
    return (
        f'<p class="field__error" id="{escape(field.auto_id)}-error">'
        f'<span class="visually-hidden">{escape(gettext("Error:"))} </span>'
        f"{escape(field.errors[0])}</p>"
    )


def _hint_html(field) -> str:
    if not field.help_text:
        return ""
    return (
        f'<p class="field__hint" id="{escape(field.auto_id)}-hint">'
        f"{escape(field.help_text)}</p>"
    )


@register.simple_tag
def lead_field(field):
    """One field of a lead form: `contact/includes/field.html`, printed in Python.

    The template drew a form's ten fields in about a thousand template nodes, a
    tenth of a location page's work; this prints its exact bytes
    (tests/contact/test_field_tag.py compares the two for every field of every
    lead form, blank and with errors), and the template stays as the reference.
    """
    error_class = " field--error" if field.errors else ""
    widget_type = field.widget_type
    if widget_type == "radioselect":
        described = describedby(field)
        described_attr = f' aria-describedby="{escape(described)}"' if described else ""
        radios = "".join(
            f'\n        <div class="choice"><input type="radio" '
            f'name="{escape(radio.data["name"])}" '
            f'value="{escape(localize(radio.data["value"]))}" id="{escape(radio.id_for_label)}"'
            f"{' checked' if radio.data['selected'] else ''}>"
            f'<label for="{escape(radio.id_for_label)}">'
            f"{escape(radio.choice_label)}</label></div>"
            for radio in field
        )
        html = (
            f'\n<fieldset class="field field--choices{error_class}"{described_attr}>\n'
            f'    <legend class="field__label">{escape(field.label)}</legend>\n'
            f"    {_hint_html(field)}\n"
            f"    {_error_html(field)}\n"
            f'    <div class="field__choices">{radios}\n'
            f"    </div>\n</fieldset>\n"
        )
    elif widget_type == "checkbox":
        html = (
            f'\n<div class="field field--check{error_class}">\n'
            f"    {_error_html(field)}\n"
            f'    <div class="choice">{control(field)}'
            f'<label for="{escape(field.id_for_label)}">{escape(field.label)}</label>'
            f"</div>\n</div>\n"
        )
    else:
        html = (
            f'\n<div class="field{error_class}">\n'
            f'    <label class="field__label" for="{escape(field.id_for_label)}">'
            f"{escape(field.label)}</label>\n"
            f"    {_hint_html(field)}\n"
            f"    {_error_html(field)}\n"
            f"    {control(field)}\n</div>\n"
        )
    return mark_safe(html + "\n")  # noqa: S308 — every value above is escaped
