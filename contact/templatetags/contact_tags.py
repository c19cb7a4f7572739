from django import template
from django.urls import reverse

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
