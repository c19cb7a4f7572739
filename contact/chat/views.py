"""POST /chat/live/: start a live chat. JSON in the dialog's terms, never a 500.

The same defences as every lead form (contact/spam.py): server-side validation,
honeypot, signed fill time, the per-address rate limit, an idempotent
submission_id. The answer carries a signed token that works only from this
browser session; nothing the visitor typed goes into a URL or a log line.
"""

import logging

from django.conf import settings
from django.db import DatabaseError
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from ..choices import LeadKind
from ..kinds import get_kind
from ..services import find_lead
from ..spam import RateLimited, StampState, check_stamp
from ..submission import new_lead
from .forms import LiveChatForm
from .services import someone_available, start_chat

logger = logging.getLogger(__name__)

PREFIX = get_kind(LeadKind.LIVE_CHAT).form_prefix
TOKENS_SESSION_KEY = "contact.chat.tokens"
SOCKET_PATH = "/ws/chat/"
STALE_MESSAGE = _(
    "This form was open for a while, so for your safety we need you to press "
    "Start once more. Everything you typed is still here."
)


def answer(data: dict, status: int) -> JsonResponse:
    response = JsonResponse(data, status=status)
    add_never_cache_headers(response)
    return response


def phone_answer(error: str, status: int) -> JsonResponse:
    return answer({"error": error, "phone": settings.CLINIC_FALLBACK_PHONE}, status)


@sensitive_post_parameters()
@require_POST
def live_start(request):
    form = LiveChatForm(request.POST, prefix=PREFIX)
    if not form.is_valid():
        errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
        return answer({"errors": errors}, 400)
    submission_id = form.cleaned_data["submission_id"]
    stamp_state = check_stamp(request.POST.get(f"{PREFIX}-stamp", ""), submission_id)
    if stamp_state in (StampState.EXPIRED, StampState.INVALID):
        return answer(
            {"error": "stale", "errors": {"__all__": [str(STALE_MESSAGE)]}}, 400
        )
    try:
        return start(request, form, submission_id, stamp_state)
    except RateLimited:
        return phone_answer("rate_limited", 429)
    except DatabaseError as error:
        logger.error(
            "Could not start a live chat: database unavailable (%s)",
            type(error).__name__,
        )
        return phone_answer("unavailable", 503)


def start(request, form, submission_id: str, stamp_state) -> JsonResponse:
    tokens = request.session.get(TOKENS_SESSION_KEY, {})
    existing = find_lead(submission_id)
    if existing is not None:
        return repeat(existing, tokens.get(submission_id))
    if not someone_available():
        return phone_answer("unavailable", 409)
    if request.session.session_key is None:
        request.session.save()  # the chat is bound to this session's key
    lead, spam_reason = new_lead(request, form, submission_id, stamp_state)
    started = start_chat(lead, request.session.session_key, spam_reason)
    if started.token is None:
        # A concurrent post stored it first; the session holds its token.
        return repeat(find_lead(submission_id), tokens.get(submission_id))
    # Kept for a repeated post (double tap) from this session; the server side
    # only ever stores a hash of the token's secret.
    request.session[TOKENS_SESSION_KEY] = {
        **dict(list(tokens.items())[-4:]),
        submission_id: started.token,
    }
    return answer(
        {
            "token": started.token,
            "reference": started.receipt.reference,
            "socket": SOCKET_PATH,
        },
        201,
    )


def repeat(lead, token: str | None) -> JsonResponse:
    """The same submission again: its token if this session started it."""
    if lead is None or token is None:
        return answer({"error": "forbidden"}, 403)
    return answer(
        {"token": token, "reference": lead.reference, "socket": SOCKET_PATH}, 201
    )
