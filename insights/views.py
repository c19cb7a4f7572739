"""The beacon endpoint: cheap to answer, stores only typed counts-to-be."""

import hashlib
import hmac
import re
import time
from functools import cache

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import get_page_models

from lantana.core.client_address import get_client_network

from . import beacon, queue
from .models import Beacon

# Software that says what it is in its user agent (read here, never stored).
BOTS = re.compile(
    r"bot|crawl|spider|slurp|headless|lighthouse|pagespeed|preview|monitor|python|"
    r"curl|wget|httpclient|okhttp|java/|go-http|phantom|puppeteer|playwright",
    re.IGNORECASE,
)
ACCEPTED = 204


@cache
def page_types() -> set[str]:
    return {model._meta.label for model in get_page_models()}


def declines_counting(request) -> bool:
    """Do Not Track or Global Privacy Control: the visitor asked not to be counted."""
    return request.headers.get("DNT") == "1" or request.headers.get("Sec-GPC") == "1"


def over_rate(request) -> bool:
    """Counted per address in the cache under a keyed hash that expires with the
    window: the address itself is never written anywhere."""
    count, seconds = settings.INSIGHTS_BEACON_RATE_LIMIT
    window = int(time.time() // seconds)
    digest = hmac.new(
        settings.SECRET_KEY.encode(),
        f"insights:{get_client_network(request)}:{window}".encode(),
        hashlib.sha256,
    ).hexdigest()[:32]
    key = f"insights:rate:{digest}"
    store = caches["default"]
    try:
        if store.add(key, 1, seconds):
            return False
        return store.incr(key) > count
    except Exception:  # noqa: BLE001 - a cache outage must not fail a page's beacon
        return False


def nothing(status: int = ACCEPTED) -> HttpResponse:
    response = HttpResponse(status=status)
    response["Cache-Control"] = "no-store"
    return response


def answer(request, push=queue.push) -> int:
    """Every rule for one beacon, and the status to answer: the one copy, used by
    the view below and by the lean WSGI branch (insights/wsgi.py), which passes
    `queue.push_to_redis` so that anything unusual goes on to this view."""
    if request.headers.get("Sec-Fetch-Site", "same-origin") != "same-origin":
        return 403
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > beacon.MAX_BYTES:
        return 413
    if declines_counting(request) or BOTS.search(request.headers.get("User-Agent", "")):
        return ACCEPTED  # a silent drop: nothing counted
    if over_rate(request):
        return 429
    try:
        reading = beacon.read(request.body, request.get_host(), page_types())
    except beacon.BadBeacon:
        return 400
    push(rows(reading))
    return ACCEPTED


# No CSRF token: sendBeacon cannot send one, and a beacon only adds to counts; a
# beacon from another site's page is refused by the browser's Sec-Fetch-Site.
@csrf_exempt
@require_POST
def receive(request):
    return nothing(answer(request))


def rows(reading: beacon.Reading) -> list[Beacon]:
    now = timezone.now()
    common = {
        "received_at": now,
        "path": reading.path,
        "page_type": reading.page_type,
    }
    found = [
        Beacon(
            **common,
            event=event,
            lead_kind=kind,
            referrer_class=reading.referrer_class if event == "view" else "",
            campaign=reading.campaign if event == "view" else "",
            from_article=reading.from_article if kind else "",
        )
        for event, kind in reading.events
    ]
    if reading.vitals:
        found.append(
            Beacon(
                **common,
                event="vitals",
                lcp_ms=reading.vitals.get("lcp"),
                inp_ms=reading.vitals.get("inp"),
                cls_thousandths=reading.vitals.get("cls"),
            )
        )
    return found
