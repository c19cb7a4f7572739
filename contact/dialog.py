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
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from lantana.core.models import SiteSettings
from notices.choices import ConsentPurpose
from notices.current import current_consent, current_notices

from .chat.forms import LiveChatForm
from .chat.views import PREFIX as LIVE_PREFIX
from .forms import ChatRequestForm

# What the dialog shows of the clinic's details; a change draws it anew.
CLINIC_FIELDS = ("phone", "text_line", "crisis_phone", "admissions_hours")
_rendered: dict[tuple, str] = {}


def get_clinic(request=None) -> SiteSettings | None:
    """The clinic details of the request's site (cached on the request and in the
    cache by SiteSettings), else of the default site."""
    if request is not None:
        return SiteSettings.for_request(request)
    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site) if site is not None else None


def markup(clinic: SiteSettings | None = None) -> str:
    """Drawn once per process and version of the clinic's details (each time in
    DEBUG, where templates are being edited): a blank form is costly to render."""
    # Drawn per language too: its words are the visitor's (/es/chat/dialog/).
    key = (translation.get_language(), *(getattr(clinic, n, "") for n in CLINIC_FIELDS))
    key += (consent_and_notices(),)
    if settings.DEBUG or key not in _rendered:
        if len(_rendered) > 8:
            _rendered.clear()
        _rendered[key] = render_to_string(
            "contact/includes/chat_dialog.html",
            {
                "form": ChatRequestForm(prefix=ChatRequestForm.get_spec().form_prefix),
                "live_form": LiveChatForm(prefix=LIVE_PREFIX),
                "max_length": settings.CHAT_MESSAGE_MAX_LENGTH,
                "clinic": clinic,
                "fallback_phone": settings.CLINIC_FALLBACK_PHONE,
                "action": reverse("contact:chat"),
            },
        )
    return _rendered[key]


def consent_and_notices() -> tuple:
    """The consent wordings and notices the dialog's forms show (kept in the cache):
    a new version draws the dialog anew under a new URL."""
    wordings = (current_consent(purpose) for purpose in ConsentPurpose.values)
    return (
        tuple(wording.pk for wording in wordings if wording is not None),
        tuple(link.version_id for link in current_notices()),
    )


def version(clinic: SiteSettings | None = None) -> str:
    return hashlib.sha256(markup(clinic).encode()).hexdigest()[:12]
