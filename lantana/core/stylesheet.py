"""The site stylesheet, inlined in every public page's <head>.

Inline so the first paint waits on no second request (a round trip on a slow phone
connection costs more than the 6 KiB the stylesheet adds to each page, compressed).
The Content-Security-Policy allows exactly this text by its hash, computed here from
the same string the template prints, so the two can never drift apart.
"""

import base64
import hashlib
import re
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders

SITE_STYLESHEET = "css/site.css"

_COMMENTS = re.compile(r"/\*.*?\*/", re.S)
_SPACE = re.compile(r"\s+")
_AROUND_PUNCTUATION = re.compile(r"\s*([{};,])\s*")


def minify(css: str) -> str:
    """Drop comments and the whitespace around braces, semicolons and commas.

    Safe for our own stylesheet only: it has no comment-like text inside strings
    and no string whose inner spacing matters.
    """
    css = _SPACE.sub(" ", _COMMENTS.sub("", css))
    return _AROUND_PUNCTUATION.sub(r"\1", css).replace(";}", "}").strip()


def site_stylesheet() -> str:
    """The minified text of css/site.css: read once per process, or on every call
    with DEBUG on, so an edited stylesheet shows on the next reload in `make run`."""
    return _read_stylesheet() if settings.DEBUG else _cached_stylesheet()


def _read_stylesheet() -> str:
    path = finders.find(SITE_STYLESHEET)
    if path is None:
        raise FileNotFoundError(f"static file {SITE_STYLESHEET} not found")
    with open(path, encoding="utf-8") as file:
        css = minify(file.read())
    if "</" in css:
        raise ValueError(f"{SITE_STYLESHEET} must not contain '</' (it is inlined)")
    return css


_cached_stylesheet = cache(_read_stylesheet)


def site_stylesheet_source() -> str:
    """The CSP source that allows the inlined stylesheet: 'sha256-…'."""
    return _source(site_stylesheet())


@cache
def _source(css: str) -> str:
    digest = hashlib.sha256(css.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def check_site_stylesheet(app_configs=None, **kwargs) -> list:
    """System check: every public page inlines the stylesheet, so fail before serving."""
    from django.core.checks import Error

    try:
        _read_stylesheet()
    except (OSError, ValueError) as error:
        return [
            Error(
                f"The inlined site stylesheet cannot be used: {error}", id="core.E001"
            )
        ]
    return []
