"""The costly parts of a page (body, cards, JSON-LD) rendered once per change.

A page's template wraps them in `{% fragment "name" %}…{% endfragment %}`
(core_tags); its `get_context` asks `for_page()` first and skips its queries when
every part is already kept. This is what makes a page-cache miss cheap, and
signed-in editors' views too, which the page cache never serves.

Parts are kept in Django's cache (Redis in production, each process's memory
otherwise) under a key made of:

- the site-wide cache generation (generation.py), which every change a visitor
  could see bumps (publish, a clinician, a topic, an image, the clinic
  details…), so every purge reaches these parts too;
- the page's last publication and revision, and today's date (review dates);
- the site's origin (links and JSON-LD are absolute), the path and the language
  (English and Spanish parts never cross);
- a digest of the project's code, templates and static files, so a deploy never
  serves HTML drawn by the previous release.

The generation is read before the page's rows, so a render that raced a purge is
stored under the old generation and never found. An unreachable cache means
rendering as if nothing were kept. Previews and pages under a view restriction
never use or fill it.
`FRAGMENT_CACHE_SECONDS=0` turns it off (dev and tests).
"""

import hashlib
from functools import cache as memoize
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from wagtail.models import Site

from . import generation
from .cache import SafeCache

PREFIX = "fragments"
_safe = SafeCache("default")  # an unreachable cache: draw everything
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


class Fragments:
    """The parts of one page kept for this request, and where to keep new ones."""

    def __init__(self, key: str | None = None, found: dict | None = None):
        self.key = key
        self.found = found or {}

    def __bool__(self):
        return self.key is not None

    def has_all(self, names) -> bool:
        return bool(self) and all(name in self.found for name in names)

    def get(self, name: str) -> str | None:
        html = self.found.get(name)
        # Safe: only output the template itself rendered (store()) is kept.
        return None if html is None else mark_safe(html)  # noqa: S308

    def store(self, name: str, html: str) -> None:
        if self:
            self.found[name] = html
            _safe("set", None, f"{self.key}:{name}", str(html), seconds())


def for_page(page, request, names) -> Fragments:
    """What is kept of `page`'s parts `names` for this request's site."""
    if not seconds() or getattr(request, "is_preview", False):
        return Fragments()
    # Never for a page under a view restriction (lantana.pagecache reads them once
    # per request, before the page is served).
    restricted = getattr(request, "page_cache_restricted", None)
    if restricted is None:
        restricted = bool(page.get_view_restrictions())
    if restricted:
        return Fragments()
    site = Site.find_for_request(request)
    if site is None:
        return Fragments()
    gen = generation.current()
    if gen is None:
        return Fragments()
    origin = f"{request.scheme}://{request.get_host().lower()}"
    parts = (
        code_version(),
        page.pk,
        gen,
        page.last_published_at,
        page.latest_revision_id,
        timezone.localdate(),
        origin,
        request.path,
        # The interface's language (its words are in every part).
        translation.get_language(),
    )
    key = f"{PREFIX}:part:{hashlib.sha256(repr(parts).encode()).hexdigest()[:40]}"
    keys = {name: f"{key}:{name}" for name in names}
    stored = _safe("get_many", {}, list(keys.values()))
    found = {name: stored[k] for name, k in keys.items() if k in stored}
    return Fragments(key, found)
