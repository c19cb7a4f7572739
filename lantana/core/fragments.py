"""Kept parts: the costly parts of a page (body, cards, JSON-LD) drawn once per change,
with Wagtail's own fragment cache.

A page template wraps such a part in Wagtail's tag, and names it there only:

    {% load wagtail_cache %}
    {% wagtailpagecache kept_parts.seconds "content" using=kept_parts.cache %}
        …
    {% endwagtailpagecache %}

Wagtail keys a part on its name, the site and `page.cache_key`, whose components
(KeptPartsMixin.get_cache_key_components) are Wagtail's own (id, URL path, last
publication) plus:

- the site-wide cache generation (generation.py), which every change a visitor
  could see bumps (publish, a clinician, a topic, an image, the clinic details…),
  so every purge reaches these parts too;
- the latest revision, and today's date (review dates);
- the language (its words are in every part: English and Spanish never cross);
- a digest of the project's code, templates and static files, so a deploy never
  serves HTML drawn by the previous release.

The page's `get_context` never asks whether a part is kept: it gives the template
its costly values as `lazy_context`, computed on first use, so a kept part costs
none of their queries and a drawn one computes them once.

`kept_parts` (KeptParts) says which cache the tag uses: "kept_parts"
(KeptPartsCache: Django's default cache, Redis in production, where a failure
is a miss) or "kept_parts_off" (Django's DummyCache: every part drawn). Off when
`FRAGMENT_CACHE_SECONDS=0` (dev and tests), for a page under a view restriction,
and while the generation cannot be trusted (generation.current() is None);
Wagtail's tag itself skips previews.
"""

import functools
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache as memoize
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.utils import timezone, translation

from . import generation
from .cache import SafeCache

CACHE = "kept_parts"
CACHE_OFF = "kept_parts_off"
PREFIX = "fragments"
# Project folders whose files change what a fragment looks like.
SOURCE_SUFFIXES = {".py", ".html", ".css", ".js", ".svg", ".json"}
SKIPPED_FOLDERS = {"tests", "build", "node_modules", "media", "staticfiles"}


def seconds() -> int:
    return max(0, getattr(settings, "FRAGMENT_CACHE_SECONDS", 0))


@memoize
def code_version() -> str:
    """A digest of the project's sources, the same in every process of a release."""
    digest = hashlib.sha256(f"{django.__version__}/{wagtail.__version__}".encode())
    root = Path(settings.BASE_DIR)
    for folder in sorted(root.iterdir()):
        if not _is_source_folder(folder):
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix in SOURCE_SUFFIXES and path.is_file():
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _is_source_folder(folder: Path) -> bool:
    if not folder.is_dir() or folder.name.startswith("."):
        return False
    if folder.name in SKIPPED_FOLDERS:
        return False
    return folder.name in {"templates", "static"} or (folder / "__init__.py").exists()


@dataclass(frozen=True)
class KeptParts:
    """What the template's `{% wagtailpagecache %}` tags are given."""

    cache: str
    seconds: int = 0

    def __bool__(self):
        return self.cache == CACHE


OFF = KeptParts(CACHE_OFF)


def for_page(page, request) -> KeptParts:
    """Whether `page`'s parts may be kept and reused for this request."""
    kept = seconds()
    if not kept or getattr(request, "is_preview", False):
        return OFF
    # Read once per request by lantana.pagecache, before the page is served.
    restricted = getattr(request, "page_cache_restricted", None)
    if restricted is None:
        restricted = bool(page.get_view_restrictions())
    if restricted or generation.current() is None:
        return OFF
    return KeptParts(CACHE, kept)


class KeptPartsMixin:
    """For a page model whose template keeps parts with `{% wagtailpagecache %}`."""

    def get_cache_key_components(self):
        return [
            *super().get_cache_key_components(),
            self.latest_revision_id,
            # As for_page() read it, before the page's rows (once a request): a
            # drawing that raced a change is stored under the old generation and
            # never found again. Asked even when parts are off (Wagtail's tag
            # makes the key first), so never a database check from here.
            generation.current(check_database=False),
            timezone.localdate().isoformat(),
            translation.get_language(),
            code_version(),
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["kept_parts"] = for_page(self, request)
        return context


def lazy_context(compute: Callable[[], dict], names: Iterable[str]) -> dict:
    """`names` as context values the template computes on first use.

    Each is a callable (Django's templates call it when they read the variable),
    and one call of `compute()`, made on the first read, gives them all: a part
    served from the cache reads none of them and costs none of their queries.
    """
    names = tuple(names)
    computed = functools.cache(compute)

    def value(name):
        def read():
            values = computed()
            if set(values) != set(names):
                raise KeyError(f"{compute} gave {sorted(values)}, not {sorted(names)}")
            return values[name]

        return read

    return {name: value(name) for name in names}


class KeptPartsCache(BaseCache):
    """The "kept_parts" cache: Django's default cache, under its own prefix, where
    any failure of the backend (Redis unreachable) is a miss and a dropped write."""

    def __init__(self, location, params):
        super().__init__(params)
        self.safe = SafeCache("default")

    def get(self, key, default=None, version=None):
        return self.safe("get", default, f"{PREFIX}:{key}")

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.safe("set", None, f"{PREFIX}:{key}", value, timeout)

    def delete(self, key, version=None):
        return bool(self.safe("delete", False, f"{PREFIX}:{key}"))
