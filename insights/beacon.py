"""Reading one beacon: what a page reported, checked field by field.

A beacon is small JSON sent by static/js/insights.js:
    {"p": "/path/", "t": "articles.ArticlePage", "r": "www.google.com", "c": "spring",
     "a": "/articles/one/", "e": [["view"], ["lead_started", "inquiry"]],
     "v": {"lcp": 1830, "inp": 120, "cls": 0.02}}
Anything else (an unknown key, a wrong type, a value out of range) is refused whole.
The referrer's host is reduced here to its class; the host itself is not kept.
"""

import json
import re
from dataclasses import dataclass, field

from contact.choices import LeadKind
from contact.kinds import KINDS

from .choices import Event, ReferrerClass
from .vitals import METRICS

MAX_BYTES = 2048
MAX_EVENTS = 8
PATH = re.compile(r"^/[\x21-\x7e]{0,199}$")
PAGE_TYPE = re.compile(r"^[a-z_]{1,40}\.[A-Za-z]{1,40}$")
CAMPAIGN = re.compile(r"^[\w.-]{1,60}$", re.ASCII)
HOST = re.compile(r"^[a-z0-9.-]{1,253}(:\d{1,5})?$")
KEYS = {"p", "t", "r", "c", "a", "e", "v"}
# Referrer hosts, by the end of their name (search first: google.com is not social).
SEARCH = (
    "google.",
    "bing.com",
    "duckduckgo.com",
    "yahoo.",
    "ecosia.org",
    "search.brave.com",
    "startpage.com",
    "baidu.com",
    "yandex.",
    "kagi.com",
)
SOCIAL = (
    "facebook.com",
    "fb.me",
    "instagram.com",
    "t.co",
    "twitter.com",
    "x.com",
    "linkedin.com",
    "lnkd.in",
    "reddit.com",
    "pinterest.com",
    "tiktok.com",
    "youtube.com",
    "threads.net",
    "bsky.app",
    "nextdoor.com",
    "quora.com",
)
# Limits of a believable measurement (ms, ms, layout-shift score).
VITAL_LIMITS = {"lcp": 120_000, "inp": 60_000, "cls": 100}
# A form names its kind by its field prefix ("inquiry"); a thank-you by the kind.
KIND_OF = {spec.form_prefix: kind for kind, spec in KINDS.items()} | {
    kind: kind for kind in LeadKind.values
}


class BadBeacon(ValueError):
    """A beacon that is not one our pages send (a 400)."""


@dataclass
class Reading:
    path: str
    page_type: str
    referrer_class: str
    campaign: str
    from_article: str
    events: list[tuple[str, str]] = field(default_factory=list)
    vitals: dict[str, int] = field(default_factory=dict)


def matches(host: str, name: str) -> bool:
    """google.com, www.google.co.uk for "google."; x.com, m.x.com for "x.com"."""
    if name.endswith("."):
        return f".{name}" in f".{host}"
    return host == name or host.endswith("." + name)


def classify_referrer(host: str, own_host: str) -> str:
    host = host.lower().split(":")[0].removeprefix("www.")
    if not host:
        return ReferrerClass.DIRECT
    if host == own_host.lower().split(":")[0].removeprefix("www."):
        return ReferrerClass.INTERNAL
    if any(matches(host, name) for name in SEARCH):
        return ReferrerClass.SEARCH
    if any(matches(host, name) for name in SOCIAL):
        return ReferrerClass.SOCIAL
    return ReferrerClass.OTHER


def text(data: dict, key: str, pattern: re.Pattern, required: bool = False) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise BadBeacon(f"{key} must be text")
    if not value:
        if required:
            raise BadBeacon(f"{key} is required")
        return ""
    if not pattern.match(value):
        raise BadBeacon(f"{key} is not in the expected form")
    return value


def read(body: bytes, own_host: str, page_types: set[str]) -> Reading:
    if len(body) > MAX_BYTES:
        raise BadBeacon("too large")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise BadBeacon("not JSON") from error
    if not isinstance(data, dict) or set(data) - KEYS:
        raise BadBeacon("not a beacon")
    page_type = text(data, "t", PAGE_TYPE, required=True)
    if page_type not in page_types:
        raise BadBeacon("unknown page type")
    reading = Reading(
        path=text(data, "p", PATH, required=True).split("?")[0],
        page_type=page_type,
        referrer_class=classify_referrer(text(data, "r", HOST), own_host),
        campaign=text(data, "c", CAMPAIGN),
        from_article=text(data, "a", PATH).split("?")[0],
    )
    reading.events = read_events(data.get("e", []))
    reading.vitals = read_vitals(data.get("v", {}))
    if not reading.events and not reading.vitals:
        raise BadBeacon("nothing reported")
    return reading


def read_events(events) -> list[tuple[str, str]]:
    if not isinstance(events, list) or len(events) > MAX_EVENTS:
        raise BadBeacon("e must be a short list")
    found = []
    for event in events:
        if not isinstance(event, list) or not event or len(event) > 2:
            raise BadBeacon("an event is not in the expected form")
        name, kind = event[0], (event[1] if len(event) == 2 else "")
        if name not in (Event.VIEW, Event.LEAD_STARTED, Event.LEAD_SENT):
            raise BadBeacon("unknown event")
        if not isinstance(kind, str) or (name == Event.VIEW) != (kind == ""):
            raise BadBeacon("unknown kind of lead")
        if kind and kind not in KIND_OF:
            raise BadBeacon("unknown kind of lead")
        found.append((name, KIND_OF.get(kind, "")))
    return found


def read_vitals(vitals) -> dict[str, int]:
    if not isinstance(vitals, dict) or set(vitals) - set(METRICS):
        raise BadBeacon("v must name lcp, inp or cls")
    found = {}
    for name, value in vitals.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise BadBeacon(f"{name} must be a number")
        if not 0 <= value <= VITAL_LIMITS[name]:
            raise BadBeacon(f"{name} is out of range")
        found[name] = round(value * METRICS[name].scale)
    return found
