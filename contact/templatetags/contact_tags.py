from django import template
from django.conf import settings
from django.template.loader import render_to_string

from ..chat.forms import LiveChatForm
from ..chat.views import PREFIX as LIVE_PREFIX
from ..forms import ChatRequestForm

register = template.Library()
_rendered: dict[str, str] = {}


@register.simple_tag
def chat_dialog():
    """The "Chat with us" dialog: the callback form, and the live chat start form
    chat.js shows instead when someone is available. Cacheable: chat.js fetches
    the token, the submission id and the stamp when it opens.

    The same HTML on every page, so drawn once per process (each time in DEBUG,
    where templates are being edited): a blank form is costly to render.
    """
    if settings.DEBUG or "dialog" not in _rendered:
        _rendered["dialog"] = render_to_string(
            "contact/includes/chat_dialog.html",
            {
                "form": ChatRequestForm(prefix=ChatRequestForm.get_spec().form_prefix),
                "live_form": LiveChatForm(prefix=LIVE_PREFIX),
                "max_length": settings.CHAT_MESSAGE_MAX_LENGTH,
            },
        )
    return _rendered["dialog"]


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
