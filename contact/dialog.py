"""The "Chat with us" dialog: the callback form, and the live chat start form
chat.js shows instead when someone is available.

Not part of any page: chat.js fetches it (`GET /chat/dialog/?v=<version>`) once a
page has loaded, so the first paint never waits on its markup. It carries no
per-visitor value (chat.js fetches the token, the submission id and the stamp from
/chat/session/ when it opens), so it is the same for everyone and cached long
under a URL that changes whenever the markup does.
"""

import hashlib

from django.conf import settings
from django.template.loader import render_to_string

from .chat.forms import LiveChatForm
from .chat.views import PREFIX as LIVE_PREFIX
from .forms import ChatRequestForm

_rendered: dict[str, str] = {}


def markup() -> str:
    """Drawn once per process (each time in DEBUG, where templates are being
    edited): a blank form is costly to render."""
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


def version() -> str:
    return hashlib.sha256(markup().encode()).hexdigest()[:12]
