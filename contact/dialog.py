"""The "Chat with us" dialog: the callback form, and the live chat start form
chat.js shows instead when someone is available.

Not part of any page: chat.js fetches it (`GET /chat/dialog/?v=<version>`) once a
page has loaded, so the first paint never waits on its markup. It carries no
per-visitor value (chat.js fetches the token, the submission id and the stamp from
/chat/session/ when it opens), so it is the same for everyone and cached long
under a URL that changes whenever the markup does.
"""

import hashlib
import json

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext
from wagtail.models import Site

from lantana.core.models import SiteSettings, SiteWording
from notices.choices import ConsentPurpose
from notices.current import current_consent, current_notices

from .chat.forms import LiveChatForm
from .chat.views import PREFIX as LIVE_PREFIX
from .forms import ChatRequestForm

# What the dialog shows of the clinic's details; a change draws it anew.
CLINIC_FIELDS = ("phone", "text_line", "crisis_phone")
_rendered: dict[tuple, tuple[str, str]] = {}


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
    return _drawn(clinic)[0]


def version(clinic: SiteSettings | None = None) -> str:
    """A digest of the markup, taken when it is drawn (every page's URL of it)."""
    return _drawn(clinic)[1]


def _drawn(clinic: SiteSettings | None) -> tuple[str, str]:
    # Drawn per language too: its words are the visitor's (/es/chat/dialog/).
    wording = SiteWording.for_language(translation.get_language())
    key = (translation.get_language(), *(getattr(clinic, n, "") for n in CLINIC_FIELDS))
    key += (wording.language, wording.admissions_hours)
    key += (consent_and_notices(),)
    if settings.DEBUG or key not in _rendered:
        if len(_rendered) > 8:
            _rendered.clear()
        html = render_to_string(
            "contact/includes/chat_dialog.html",
            {
                "form": ChatRequestForm(prefix=ChatRequestForm.get_spec().form_prefix),
                "live_form": LiveChatForm(prefix=LIVE_PREFIX),
                "max_length": settings.CHAT_MESSAGE_MAX_LENGTH,
                "clinic": clinic,
                "site_wording": wording,
                "fallback_phone": settings.CLINIC_FALLBACK_PHONE,
                "action": reverse("contact:chat"),
                "live_strings": json.dumps(live_strings(), ensure_ascii=False),
            },
        )
        _rendered[key] = (html, hashlib.sha256(html.encode()).hexdigest()[:12])
    return _rendered[key]


def live_strings() -> dict[str, str]:
    """The words chat-live.js writes, in the active language ({name}, {minutes} and
    {phone} are filled in by the script). Keys starting error_ replace its error
    messages by code."""
    waiting = gettext(
        "Waiting for someone from our team to join. You can type your next message now."
    )
    return {
        "connecting": gettext("Connecting…"),
        "typing": gettext("{name} is typing…"),
        "our_team": gettext("Our team"),
        "chatting": gettext("You are chatting with {name} from our admissions team."),
        "our_admissions_team": gettext("our admissions team"),
        "waiting": waiting,
        "waiting_minute": waiting_for(1).replace("{minutes}", "1"),
        "waiting_minutes": waiting_for(2),
        "unanswered": gettext(
            "Nobody could answer in time, and we are sorry. Please call us, or "
            "leave your number and we will call you back."
        ),
        "ended": gettext("This chat has ended. Thank you for reaching out."),
        "you": gettext("You"),
        "seen": gettext("Seen"),
        "label_error": gettext("Error: "),
        "check_form": gettext("Please check the form and try again."),
        "busy": gettext(
            "Our team just became busy, so we cannot chat right now. Leave your "
            "details and we will get back to you soon. What you typed is kept below."
        ),
        "not_started": gettext("We could not start the chat."),
        "call_us_at": gettext("Please call us at {phone}."),
        "no_server": gettext(
            "We could not reach our server, so the chat did not start. Please "
            "check your connection and try again, or call us."
        ),
        "offline_end": gettext(
            "You are offline just now, so the chat could not be ended. Please try "
            "again in a moment."
        ),
        "error_empty": gettext("Please type a message first."),
        "error_too_long": gettext(
            "That message is too long. Please split it into shorter ones."
        ),
        "error_invalid": gettext(
            "That message has characters we cannot send. Please retype it."
        ),
        "error_rate_limited": gettext(
            "You are sending messages very quickly. Please wait a few seconds, "
            "then send again."
        ),
        "error_forbidden": gettext(
            "This chat cannot be continued here. Please call us, or leave your "
            "details for a call back."
        ),
        "error_unreadable": gettext(
            "That message has characters in it we cannot read (they sometimes come "
            "along when text is pasted). Please retype it and send it again."
        ),
        "error_ended": gettext(
            "This chat has ended. Start a new one or call us if you need us."
        ),
        "error_bad_request": gettext(
            "Something went wrong sending that. Please try again."
        ),
    }


def waiting_for(minutes: int) -> str:
    return ngettext(
        "Waiting for someone from our team to join (within about {minutes} "
        "minute). You can type your next message now.",
        "Waiting for someone from our team to join (within about {minutes} "
        "minutes). You can type your next message now.",
        minutes,
    )


def consent_and_notices() -> tuple:
    """The consent wordings and notices the dialog's forms show (kept in the cache):
    a new version draws the dialog anew under a new URL."""
    wordings = (current_consent(purpose) for purpose in ConsentPurpose.values)
    return (
        tuple(wording.pk for wording in wordings if wording is not None),
        tuple(link.version_id for link in current_notices()),
    )
