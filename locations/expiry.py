"""Warnings before a credential expires: 60 and 7 days ahead, once each, by email
(CREDENTIAL_NOTIFY_EMAILS) and on the admin dashboard. Credentials are the
clinic's, not a visitor's: the email names them, and nothing else."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from .credentials import WARNING_DAYS, Credential

WARNED_FIELD = {days: f"warned_{days}_at" for days in WARNING_DAYS}


def due_warning(credential: Credential, today: datetime.date) -> int | None:
    """The nearest warning (60 or 7 days) now due and not yet sent, if any."""
    left = (credential.expires_on - today).days
    due = [days for days in WARNING_DAYS if 0 <= left <= days]
    if not due:
        return None
    nearest = min(due)
    return None if getattr(credential, WARNED_FIELD[nearest]) else nearest


def warn_expiring(now=None) -> list[tuple[Credential, int]]:
    """Send each due warning once; the ones sent. A 7-day warning also stands for
    the 60-day one it overtook (a credential entered a week before expiry)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = []
    recipients = settings.CREDENTIAL_NOTIFY_EMAILS
    for credential in Credential.objects.expiring(max(WARNING_DAYS), today):
        days = due_warning(credential, today)
        if days is None or not recipients:
            continue
        with transaction.atomic():
            locked = Credential.objects.select_for_update().get(pk=credential.pk)
            if due_warning(locked, today) != days:
                continue  # another run sent it meanwhile
            send_mail(subject(locked, days), body(locked), None, recipients)
            updates = {WARNED_FIELD[d]: now for d in WARNING_DAYS if d >= days}
            Credential.objects.filter(pk=locked.pk).update(**updates)
        sent.append((credential, days))
    return sent


def subject(credential: Credential, days: int) -> str:
    return f"{credential.get_kind_display()} expires in {days} days or less"


def body(credential: Credential) -> str:
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailsnippets_locations_credential:edit", args=[credential.pk]
    )
    return "\n".join(
        [
            f"{credential} expires on {date_format(credential.expires_on)}.",
            "",
            "The day after, the website stops showing it on every page and in",
            "search engines' data. Renew it, then enter the new expiry date:",
            url,
        ]
    )
