"""Failed sign-in steps and password-reset requests, counted per username and address.

django-axes holds the counts for the sign-in form; a wrong second-step code is
reported to it the same way, so the password and the code share one budget of
AXES_FAILURE_LIMIT failures per AXES_COOLOFF_TIME.
"""

import hashlib

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.shortcuts import render
from wagtail.models import Site

from lantana.core.client_address import get_client_address
from lantana.core.models import SiteSettings


def credentials_for(user) -> dict:
    return {settings.AXES_USERNAME_FORM_FIELD: user.get_username()}


def record_failure(request, user) -> None:
    """Count a wrong code toward the lockout, as a wrong password is."""
    user_login_failed.send(
        sender=__name__, credentials=credentials_for(user), request=request
    )


def is_locked(request, user) -> bool:
    return AxesProxyHandler.is_locked(request, credentials_for(user))


def reset_failures(request, user) -> None:
    AxesProxyHandler.reset_attempts(
        ip_address=get_client_address(request), username=user.get_username()
    )


def locked_out(request, original_response=None, credentials=None):
    """The lockout page: the clinic's phone, and nothing about the account."""
    return render(
        request,
        "access/locked_out.html",
        {
            "phone": clinic_phone(request),
            "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
        status=429,
    )


def clinic_phone(request) -> str:
    site = Site.find_for_request(request)
    phone = SiteSettings.for_site(site).phone if site else ""
    return phone or settings.CLINIC_FALLBACK_PHONE


def password_reset_allowed(request, email: str) -> bool:
    """At most AXES_FAILURE_LIMIT reset requests per address and email per window.

    Counted whether or not an account has that email, so the limit reveals nothing.
    The key holds a hash, never the email itself.
    """
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    key = f"access:reset:{get_client_address(request)}:{digest}"
    window = int(settings.AXES_COOLOFF_TIME.total_seconds())
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= settings.AXES_FAILURE_LIMIT
