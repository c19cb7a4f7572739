"""The public lead forms' flow, in the shape of Wagtail's `FormMixin`
(wagtail/contrib/forms/models.py): GET renders a blank form; POST validates and
hands the valid form to `process_form_submission`, which stores one lead, then
answers 303 to a thank-you state (`?sent=1`, `render_landing_page`) whose URL
carries nothing the visitor typed.

`LeadFormMixin` is the flow; `LeadFormPageMixin` serves it as a Wagtail page
(ContactPage, LocationPage) and `contact.views.ChatRequestView` as the /chat/ page.
"""

import logging
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme

from .choices import LeadKind
from .forms import LeadForm
from .kinds import LeadKindSpec, get_kind
from .services import Receipt
from .spam import RateLimited, StampState, make_stamp, new_submission_id
from .submission import read_stamp, resend_data, submit

logger = logging.getLogger(__name__)

RECEIPT_SESSION_KEY = "contact.receipt"
# The thank-you state is shown once, right after sending; a receipt nobody came to
# see within this time is not shown at all.
RECEIPT_MAX_AGE = 10 * 60
STALE_NOTICE = (
    "This form was open for a while, so for your safety we need you to press "
    "Send once more. Everything you typed is still here."
)
RESEND_NOTICE = (
    "Almost there: for your safety we need you to press Send once more. "
    "Everything you typed is still here."
)
UTM_FIELDS = ("utm_source", "utm_medium", "utm_campaign")


class LeadFormMixin:
    """Serve one kind of lead form (`lead_kind`, declared in contact/kinds.py).

    A subclass says how to draw the page around the form (`render_form`), where the
    thank-you state lives (`get_success_url`) and what it says (`get_thank_you`);
    it may route leads to a location (`get_lead_location`) and take the source
    path from elsewhere (`get_source_path`).
    """

    lead_kind = LeadKind.INQUIRY
    # The blank form is the same HTML for everyone, so a cache may keep it: the
    # token, submission id and stamp then come from chat_session (lead-form.js).
    blank_form_is_cacheable = False
    # Where the thank-you state scrolls to ("#location-contact").
    form_anchor = ""

    @property
    def lead_spec(self) -> LeadKindSpec:
        return get_kind(self.lead_kind)

    def get_form_class(self) -> type[LeadForm]:
        return self.lead_spec.form_class

    def get_form(self, *args, **kwargs) -> LeadForm:
        kwargs.setdefault("prefix", self.lead_spec.form_prefix)
        return self.get_form_class()(*args, **kwargs)

    def serve_form(self, request) -> HttpResponse:
        """The whole flow: a POST, the thank-you state, or a blank form."""
        request.sensitive_post_parameters = "__ALL__"
        if request.method == "POST":
            response = self.serve_submission(request)
        elif request.GET.get("sent"):
            response = self.render_landing_page(request)
        elif self.blank_form_is_cacheable:
            form = self.get_blank_form(request, per_visitor=False)
            return self.render_form(request, {"form": form, "token_by_script": True})
        else:
            response = self.render_form(request, {"form": self.get_blank_form(request)})
        add_never_cache_headers(response)
        return response

    def get_blank_form(self, request, per_visitor: bool = True) -> LeadForm:
        initial = {"source_path": self.get_source_path(request)}
        if per_visitor:
            submission_id = new_submission_id()
            initial.update(submission_id=submission_id, stamp=make_stamp(submission_id))
            for name in UTM_FIELDS:
                initial[name] = request.GET.get(name, "")[:100]
        return self.get_form(initial=initial)

    def get_source_path(self, request) -> str:
        return request.path

    def serve_submission(self, request) -> HttpResponse:
        form = self.get_form(request.POST.copy())
        valid = form.is_valid()
        submission_id, stamp_state = read_stamp(form)
        if not valid:
            return self.render_form(request, {"form": form}, status=400)
        if stamp_state in (StampState.EXPIRED, StampState.INVALID):
            return self.render_form(request, {"form": form, "notice": STALE_NOTICE})
        try:
            receipt = self.process_form_submission(
                request, form, submission_id, stamp_state
            )
        except RateLimited:
            return rate_limited(request)
        except DatabaseError as error:
            logger.error(
                "Could not store a %s: database unavailable (%s)",
                form.prefix,
                type(error).__name__,
            )
            return unavailable(request, form)
        self.keep_receipt(request, receipt)
        url = f"{self.get_success_url(request)}?sent=1{self.form_anchor}"
        response = HttpResponseRedirect(url)
        response.status_code = 303
        return response

    def process_form_submission(
        self, request, form: LeadForm, submission_id: str, stamp_state: StampState
    ) -> Receipt | None:
        """Store the lead; its receipt, or None when the submission is someone else's."""
        return submit(
            request, form, submission_id, stamp_state, location=self.get_lead_location()
        )

    def get_lead_location(self):
        """The location page a lead from this form is routed to, if any."""
        return None

    def keep_receipt(self, request, receipt: Receipt | None) -> None:
        if receipt is None:
            # Someone else's submission: the neutral page, not their receipt.
            request.session.pop(RECEIPT_SESSION_KEY, None)
            return
        request.session[RECEIPT_SESSION_KEY] = {
            "kind": receipt.kind,
            "reference": receipt.reference,
            "urgent": receipt.is_urgent,
            "at": time.time(),
        }

    def get_receipt(self, request) -> Receipt | None:
        """The receipt of what this session just sent, once: it leaves the session
        as it is shown, so a reload (or the next person at this computer) sees the
        neutral page."""
        stored = request.session.pop(RECEIPT_SESSION_KEY, None)
        if not stored or stored.get("kind") != self.lead_kind:
            return None
        if time.time() - stored.get("at", 0) > RECEIPT_MAX_AGE:
            return None
        return Receipt(stored["kind"], stored["reference"], bool(stored["urgent"]))

    def render_landing_page(self, request) -> HttpResponse:
        """The thank-you state: the receipt (once) and the editors' thank-you."""
        context = {
            "receipt": self.get_receipt(request),
            "sent": True,
            "thank_you": self.get_thank_you(),
        }
        return self.render_form(request, context)

    def resend(self, request) -> HttpResponse:
        """The form as posted without its CSRF token (from a cached page with
        JavaScript off), shown again as typed with a token; nothing is stored until
        it comes back."""
        form = resend_data(
            self.get_form_class(), self.lead_spec.form_prefix, request.POST
        )
        response = self.render_form(request, {"form": form, "notice": RESEND_NOTICE})
        add_never_cache_headers(response)
        return response

    def render_form(self, request, context: dict, status: int = 200) -> HttpResponse:
        raise NotImplementedError

    def get_success_url(self, request) -> str:
        raise NotImplementedError

    def get_thank_you(self) -> tuple[str, str]:
        """The thank-you heading and text (HTML) shown after sending."""
        raise NotImplementedError


class LeadFormPageMixin(LeadFormMixin):
    """A Wagtail page that carries a lead form, drawn by the page's own template
    inside its context (`form`, or `sent` with `receipt` and `thank_you`, and
    `notice` when the form must be sent once more)."""

    # ?sent=1 is the visitor's own thank-you state: never from the page cache.
    cache_bypass_params = ("sent",)
    blank_form_is_cacheable = True

    def serve(self, request, *args, **kwargs):
        return self.serve_form(request)

    def render_form(self, request, context: dict, status: int = 200) -> HttpResponse:
        page_context = self.get_context(request)
        page_context.update(context)
        template = self.get_template(request)
        return TemplateResponse(request, template, page_context, status=status)

    def get_success_url(self, request) -> str:
        return self.get_url(request) or request.path


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
        "is_chat": form.kind == LeadKind.CHAT_REQUEST,
    }
    response = render(request, "contact/unavailable.html", context, status=503)
    add_never_cache_headers(response)
    return response


def source_from_referer(request) -> str:
    """The page the visitor came from, path only, if it is on this site."""
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}
    ):
        return urlsplit(referer).path[:300]
    return ""
