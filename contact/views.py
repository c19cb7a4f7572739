"""Public views for inquiries and chat requests.

Every form follows one path (`LeadFormHandler`): GET renders a blank form with a
fresh submission id and signed stamp; POST validates, checks the stamp, the
honeypot and the rate limit, stores the lead in one transaction, and answers
303 to a thank-you state whose URL carries nothing the visitor typed.
"""

import hashlib
import hmac
import logging
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import (
    REASON_CSRF_TOKEN_MISSING,
    REASON_NO_CSRF_COOKIE,
    get_token,
)
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET

from . import dialog
from .chat.services import someone_available
from .choices import LeadKind
from .forms import ChatRequestForm, InquiryForm, LeadForm
from .models import DEFAULT_THANK_YOU_TEXT, ContactPage
from .services import Receipt, find_lead, store_lead
from .spam import (
    RateLimited,
    StampState,
    check_stamp,
    client_key,
    make_stamp,
    new_submission_id,
    restamp,
)

logger = logging.getLogger(__name__)

RECEIPT_SESSION_KEY = "contact.receipt"
# The thank-you state is shown once, right after sending; a receipt nobody came to
# see within this time is not shown at all.
RECEIPT_MAX_AGE = 10 * 60
DIALOG_MAX_AGE = 365 * 24 * 60 * 60  # its URL changes with it
STALE_NOTICE = (
    "This form was open for a while, so for your safety we need you to press "
    "Send once more. Everything you typed is still here."
)
UTM_FIELDS = ("utm_source", "utm_medium", "utm_campaign")
RESEND_NOTICE = (
    "Almost there: for your safety we need you to press Send once more. "
    "Everything you typed is still here."
)
# A form posted without its token (from a cached page, JavaScript off) is shown
# again with one. A post from another site (a bad Origin) still gets the 403.
TOKEN_ABSENT_REASONS = {
    REASON_NO_CSRF_COOKIE,
    REASON_CSRF_TOKEN_MISSING,
    "CSRF token from POST incorrect.",
}

Renderer = Callable[[dict, int], HttpResponse]


class LeadFormHandler:
    """Serve one lead form. `render(extra_context, status)` draws the page around it."""

    def __init__(
        self,
        request,
        form_class: type[LeadForm],
        render: Renderer,
        *,
        success_path: str,
        location=None,
        anchor: str = "",
        source_from_referer: bool = False,
        cacheable: bool = False,
    ):
        self.request = request
        self.form_class = form_class
        self.spec = form_class.get_spec()
        self.prefix = self.spec.form_prefix
        self.render = render
        self.success_path = success_path
        self.location = location
        self.anchor = anchor
        self.source_from_referer = source_from_referer
        self.cacheable = cacheable

    def handle(self) -> HttpResponse:
        self.request.sensitive_post_parameters = "__ALL__"
        if self.request.method == "POST":
            response = self.post()
        elif self.request.GET.get("sent"):
            response = self.render({"receipt": self.get_receipt(), "sent": True}, 200)
        elif self.cacheable:
            # The same HTML for everyone, so the page cache may keep it: the
            # token, submission id and stamp come from chat_session (lead-form.js).
            context = {"form": self.blank_form(per_visitor=False)}
            return self.render({**context, "token_by_script": True}, 200)
        else:
            response = self.render({"form": self.blank_form()}, 200)
        add_never_cache_headers(response)
        return response

    def blank_form(self, per_visitor: bool = True) -> LeadForm:
        initial = {"source_path": self.get_source_path()}
        if per_visitor:
            submission_id = new_submission_id()
            initial.update(submission_id=submission_id, stamp=make_stamp(submission_id))
            for name in UTM_FIELDS:
                initial[name] = self.request.GET.get(name, "")[:100]
        return self.form_class(prefix=self.prefix, initial=initial)

    def resend(self) -> HttpResponse:
        """The form as posted without its token, shown again with a token."""
        data = self.request.POST.copy()
        submission_id = data.get(f"{self.prefix}-submission_id") or new_submission_id()
        # Dated now and never marked filled: this post proved nothing about speed,
        # so the minimum fill time runs from this render (issue 10's rule).
        data[f"{self.prefix}-submission_id"] = submission_id
        data[f"{self.prefix}-stamp"] = restamp(
            data.get(f"{self.prefix}-stamp", ""), submission_id
        )
        form = self.form_class(data, prefix=self.prefix)
        response = self.render({"form": form, "notice": RESEND_NOTICE}, 200)
        add_never_cache_headers(response)
        return response

    def get_source_path(self) -> str:
        if not self.source_from_referer:
            return self.request.path
        # /chat/ without JavaScript: the page the visitor came from, path only.
        referer = self.request.headers.get("referer", "")
        if referer and url_has_allowed_host_and_scheme(
            referer, allowed_hosts={self.request.get_host()}
        ):
            return urlsplit(referer).path[:300]
        return ""

    def post(self) -> HttpResponse:
        data = self.request.POST.copy()
        posted_stamp = data.get(f"{self.prefix}-stamp", "")
        form = self.form_class(data, prefix=self.prefix)
        valid = form.is_valid()
        submission_id = form.cleaned_data.get("submission_id") or new_submission_id()
        stamp_state = check_stamp(posted_stamp, submission_id)
        # Any re-render carries a stamp dated now for the same submission id; it
        # spares the visitor a second wait only if this post proved the first one.
        data[f"{self.prefix}-submission_id"] = submission_id
        data[f"{self.prefix}-stamp"] = restamp(posted_stamp, submission_id)
        if not valid:
            return self.render({"form": form}, 400)
        if stamp_state in (StampState.EXPIRED, StampState.INVALID):
            return self.render({"form": form, "notice": STALE_NOTICE}, 200)
        try:
            receipt = self.save(form, submission_id, stamp_state)
        except RateLimited:
            return rate_limited(self.request)
        except DatabaseError as error:
            logger.error(
                "Could not store a %s: database unavailable (%s)",
                self.prefix,
                type(error).__name__,
            )
            return unavailable(self.request, form)
        if receipt is None:
            # Someone else's submission: the neutral page, not their receipt.
            self.request.session.pop(RECEIPT_SESSION_KEY, None)
        else:
            self.request.session[RECEIPT_SESSION_KEY] = {
                "kind": receipt.kind,
                "reference": receipt.reference,
                "urgent": receipt.is_urgent,
                "at": time.time(),
            }
        response = HttpResponseRedirect(f"{self.success_path}?sent=1{self.anchor}")
        response.status_code = 303
        return response

    def save(self, form: LeadForm, submission_id: str, stamp_state) -> Receipt | None:
        """Store the lead; its receipt, or None when the submission is someone else's."""
        owner = self.receipt_key()
        existing = find_lead(submission_id)
        if existing is None:
            lead = form.save(commit=False)
            lead.submission_id = submission_id
            lead.client_key = client_key(self.request)
            lead.receipt_key = owner
            lead.location = self.location
            spam_reason = form.spam_reason(stamp_state)
            receipt = store_lead(lead, form.message_text, spam_reason)
            if receipt.reference == lead.reference:
                return receipt
            existing = find_lead(submission_id)  # a concurrent post stored it first
        # A repeat (double tap, second tab) from the same browser sees its receipt;
        # a submission id replayed from anywhere else learns nothing.
        if owner and existing.receipt_key == owner:
            return Receipt.for_lead(existing)
        return None

    def receipt_key(self) -> str:
        """A keyed hash of this browser's CSRF cookie: the same for a double tap or
        two tabs, unknown to another browser. "" when there is no cookie."""
        cookie = self.request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
        if not cookie:
            return ""
        key = hashlib.sha256(f"contact.receipt:{settings.SECRET_KEY}".encode()).digest()
        return hmac.new(key, cookie.encode(), hashlib.sha256).hexdigest()[:32]

    def get_receipt(self) -> Receipt | None:
        """The receipt of what this session just sent, once: it leaves the session
        as it is shown, so a reload (or the next person at this computer) sees the
        neutral page."""
        stored = self.request.session.pop(RECEIPT_SESSION_KEY, None)
        if not stored or stored.get("kind") != self.spec.kind:
            return None
        if time.time() - stored.get("at", 0) > RECEIPT_MAX_AGE:
            return None
        return Receipt(stored["kind"], stored["reference"], bool(stored["urgent"]))


def rate_limited(request) -> HttpResponse:
    response = render(request, "contact/rate_limited.html", status=429)
    add_never_cache_headers(response)
    return response


def unavailable(request, form: LeadForm) -> HttpResponse:
    """The database is down: keep what they typed, say it was not sent, give the phone.

    Rendered from a standalone template that makes no database query.
    """
    context = {
        "form": form,
        "fallback_phone": settings.CLINIC_FALLBACK_PHONE,
        "action": request.path,
        "is_chat": form.kind == ChatRequestForm.kind,
    }
    response = render(request, "contact/unavailable.html", context, status=503)
    add_never_cache_headers(response)
    return response


def get_thank_you(request) -> tuple[str, str]:
    """The contact page's editor-written thank-you heading and text, or the defaults."""
    page = ContactPage.objects.live().only("thank_you_heading", "thank_you_text")
    page = page.first()
    if page is None:
        return "Thank you. Your message reached us.", DEFAULT_THANK_YOU_TEXT
    return page.thank_you_heading, page.thank_you_text


def serve_inquiry_page(page, request, *args, location=None, **kwargs) -> HttpResponse:
    """Serve a Wagtail page that carries the inquiry form (ContactPage, LocationPage)."""
    return inquiry_handler(page, request, *args, location=location, **kwargs).handle()


def inquiry_handler(page, request, *args, location=None, **kwargs) -> LeadFormHandler:

    def render_page(extra: dict, status: int) -> HttpResponse:
        context = page.get_context(request, *args, **kwargs)
        context.update(extra)
        if extra.get("sent"):
            if isinstance(page, ContactPage):
                context["thank_you"] = (page.thank_you_heading, page.thank_you_text)
            else:
                context["thank_you"] = get_thank_you(request)
        return TemplateResponse(
            request, page.get_template(request, *args, **kwargs), context, status=status
        )

    return LeadFormHandler(
        request,
        InquiryForm,
        render_page,
        success_path=page.get_url(request) or request.path,
        location=location,
        anchor="#location-contact" if location is not None else "",
        cacheable=True,
    )


def get_preview_extra(page: ContactPage, mode_name: str) -> dict:
    """What an editor's preview shows: the blank form, or the thank-you state."""
    if mode_name == "thanks":
        return {
            "sent": True,
            "receipt": Receipt(LeadKind.INQUIRY, "K7QM-X4TB", False),
            "thank_you": (page.thank_you_heading, page.thank_you_text),
        }
    return {"form": InquiryForm(prefix="inquiry")}


@sensitive_post_parameters()
def chat(request):
    """The plain /chat/ page: the dialog's home when JavaScript is off."""

    def render_chat(extra: dict, status: int) -> HttpResponse:
        extra["fallback_phone"] = settings.CLINIC_FALLBACK_PHONE
        if extra.get("sent"):
            extra["thank_you"] = get_thank_you(request)
        return TemplateResponse(request, "contact/chat_page.html", extra, status=status)

    handler = LeadFormHandler(
        request,
        ChatRequestForm,
        render_chat,
        success_path=reverse("contact:chat"),
        source_from_referer=True,
    )
    return handler.handle()


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
        patch_cache_control(response, public=True, max_age=DIALOG_MAX_AGE, immutable=True)
    else:
        patch_cache_control(response, public=True, no_cache=True)
    response["X-Robots-Tag"] = "noindex"
    return response


def csrf_failure(request, reason=""):
    """A friendly 403 with the phone number instead of Django's technical page.

    An inquiry posted from a cached page without JavaScript has no token yet: it
    is shown again, as typed, with one (nothing is stored until it comes back).
    """
    if "live-submission_id" in request.POST:
        # The live chat dialog posts with fetch: it reads JSON, not a page.
        response = JsonResponse(
            {"error": "csrf", "phone": settings.CLINIC_FALLBACK_PHONE}, status=403
        )
        add_never_cache_headers(response)
        return response
    if reason in TOKEN_ABSENT_REASONS and "inquiry-submission_id" in request.POST:
        response = resend_inquiry(request)
        if response is not None:
            return response
    context = {"fallback_phone": settings.CLINIC_FALLBACK_PHONE}
    response = render(request, "contact/csrf_failure.html", context, status=403)
    add_never_cache_headers(response)
    return response


def resend_inquiry(request) -> HttpResponse | None:
    from wagtail.models import Page

    page = Page.find_for_request(request, request.path)
    resend = getattr(page.specific, "resend_inquiry", None) if page else None
    return resend(request) if resend is not None else None
