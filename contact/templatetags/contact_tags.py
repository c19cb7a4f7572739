from django import template

from ..forms import ChatRequestForm

register = template.Library()


@register.inclusion_tag("contact/includes/chat_dialog.html")
def chat_dialog():
    """The "Chat with us" dialog. Cacheable: chat.js fetches the token, the
    submission id and the stamp when it opens."""
    return {"form": ChatRequestForm(prefix=ChatRequestForm.get_spec().form_prefix)}


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
