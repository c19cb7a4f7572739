"""Public views for lead forms and chat requests.

The pages that carry the inquiry form serve it themselves (contact/flow.py); this
module serves the /chat/ page's callback form through the same flow, what the chat
dialog needs at run time, and the friendly CSRF failure page.
"""

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import (
    REASON_CSRF_TOKEN_MISSING,
    REASON_NO_CSRF_COOKIE,
    get_token,
)
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET
from wagtail.models import Page

from . import dialog
from .chat.services import someone_available
from .choices import LeadKind
from .flow import LeadFormMixin, LeadFormPageMixin, source_from_referer
from .kinds import get_kind, kind_posted
from .pages import contact_page_thank_you
from .spam import make_stamp, new_submission_id

ESTIMATE_THANK_YOU_HEADING = _("Thank you. Your request reached us.")
ESTIMATE_THANK_YOU_TEXT = _(
    "<p>We will send your good-faith estimate within three business days, the way "
    "you asked us to reach you. If anything is unclear, someone from our team will "
    "call you first. Asking costs nothing and commits you to nothing.</p>"
)
DIALOG_MAX_AGE = 365 * 24 * 60 * 60  # its URL changes with it
# A form posted without its token (from a cached page, JavaScript off) is shown
# again with one. A post from another site (a bad Origin) still gets the 403.
TOKEN_ABSENT_REASONS = {
    REASON_NO_CSRF_COOKIE,
    REASON_CSRF_TOKEN_MISSING,
    "CSRF token from POST incorrect.",
}


@method_decorator(sensitive_post_parameters(), name="dispatch")
class ChatRequestView(LeadFormMixin, View):
    """The plain /chat/ page: the dialog's callback form when JavaScript is off."""

    lead_kind = LeadKind.CHAT_REQUEST

    def dispatch(self, request, *args, **kwargs):
        return self.serve_form(request)

    def render_form(self, request, context: dict, status: int = 200) -> HttpResponse:
        context["fallback_phone"] = settings.CLINIC_FALLBACK_PHONE
        return TemplateResponse(
            request, "contact/chat_page.html", context, status=status
        )

    def get_success_url(self, request) -> str:
        return reverse("contact:chat")

    def get_source_path(self, request) -> str:
        return source_from_referer(request)

    def get_thank_you(self) -> tuple[str, str]:
        return contact_page_thank_you()


chat = ChatRequestView.as_view()


@method_decorator(sensitive_post_parameters(), name="dispatch")
class EstimateRequestView(LeadFormMixin, View):
    """/estimate/: asking for a good-faith estimate (linked from the cost page).
    Never cached, so the form carries its token and works without JavaScript."""

    lead_kind = LeadKind.ESTIMATE_REQUEST

    def dispatch(self, request, *args, **kwargs):
        return self.serve_form(request)

    def render_form(self, request, context: dict, status: int = 200) -> HttpResponse:
        return TemplateResponse(
            request, "contact/estimate_page.html", context, status=status
        )

    def get_success_url(self, request) -> str:
        return reverse("contact:estimate")

    def get_source_path(self, request) -> str:
        return source_from_referer(request)

    def get_thank_you(self) -> tuple[str, str]:
        return ESTIMATE_THANK_YOU_HEADING, ESTIMATE_THANK_YOU_TEXT


estimate = EstimateRequestView.as_view()


@require_GET
@never_cache
def chat_session(request):
    """What the dialog needs that cached HTML must not carry: a CSRF token, a
    submission id and a signed stamp, and whether staff are taking live chats now
    (`live`; the dialog offers the callback form otherwise)."""
    submission_id = new_submission_id()
    try:
        live = someone_available()
    except DatabaseError:
        live = False
    return JsonResponse(
        {
            "csrfToken": get_token(request),
            "submissionId": submission_id,
            "stamp": make_stamp(submission_id),
            "live": live,
        }
    )


@require_GET
def chat_dialog(request):
    """The dialog's markup for chat.js (contact/dialog.py): the same for everyone,
    kept a year by browsers under the URL of its current version."""
    clinic = dialog.get_clinic(request)
    response = HttpResponse(dialog.markup(clinic))
    if request.GET.get("v") == dialog.version(clinic) and not settings.DEBUG:
        patch_cache_control(
            response, public=True, max_age=DIALOG_MAX_AGE, immutable=True
        )
    else:
        patch_cache_control(response, public=True, no_cache=True)
    response["X-Robots-Tag"] = "noindex"
    return response


def csrf_failure(request, reason=""):
    """A friendly 403 with the phone number instead of Django's technical page.

    A lead form posted from a cached page without JavaScript has no token yet: it
    is shown again, as typed, with one (nothing is stored until it comes back).
    """
    if get_kind(LeadKind.LIVE_CHAT).was_posted(request.POST):
        # The live chat dialog posts with fetch: it reads JSON, not a page.
        response = JsonResponse(
            {"error": "csrf", "phone": settings.CLINIC_FALLBACK_PHONE}, status=403
        )
        add_never_cache_headers(response)
        return response
    spec = kind_posted(request.POST)
    if reason in TOKEN_ABSENT_REASONS and spec is not None:
        page = form_page_for(request, spec.kind)
        if page is not None:
            return page.resend(request)
    context = {"fallback_phone": settings.CLINIC_FALLBACK_PHONE}
    response = render(request, "contact/csrf_failure.html", context, status=403)
    add_never_cache_headers(response)
    return response


def form_page_for(request, kind: str) -> LeadFormPageMixin | None:
    """The page at this URL, if it carries this kind of lead form."""
    page = Page.find_for_request(request, request.path)
    page = page.specific if page is not None else None
    if isinstance(page, LeadFormPageMixin) and page.lead_kind == kind:
        return page
    return None
