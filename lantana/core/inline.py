"""The site stylesheet and the site script, printed inside every public page.

Inline so the first paint waits on no second request (a round trip on a slow phone
connection costs more than the 6 KiB the stylesheet adds to each page, compressed),
and so no script is fetched before it: the inlined site script loads the others
once the page has loaded. The Content-Security-Policy allows exactly these texts by
their hashes, computed here from the same strings the templates print, so the two
can never drift apart.
"""

import base64
import hashlib
import re
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders

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


class InlineAsset:
    """One static file whose text goes inside an element of every public page."""

    def __init__(self, name: str, shrink=str.strip):
        self.name = name
        self.shrink = shrink
        self._cached = cache(self.read)

    def read(self) -> str:
        path = finders.find(self.name)
        if path is None:
            raise FileNotFoundError(f"static file {self.name} not found")
        with open(path, encoding="utf-8") as file:
            text = self.shrink(file.read())
        if "</" in text:
            raise ValueError(f"{self.name} must not contain '</' (it is inlined)")
        return text

    def text(self) -> str:
        """Read once per process, or on every call with DEBUG on, so an edited
        file shows on the next reload in `make run`."""
        return self.read() if settings.DEBUG else self._cached()

    def source(self) -> str:
        """The CSP source that allows the inlined text: 'sha256-…'."""
        return _source(self.text())


@cache
def _source(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


# Every page inlines "site"; a page template adds the parts only it needs
# ({% inline_stylesheet "forms" %}), so the others' first bytes stay small.
STYLESHEETS = {
    "site": InlineAsset("css/site.css", minify),
    "forms": InlineAsset("css/forms.css", minify),
    "profile": InlineAsset("css/profile.css", minify),
    "selfcheck": InlineAsset("css/self-check.css", minify),
}
SITE_STYLESHEET = STYLESHEETS["site"]
SITE_SCRIPT = InlineAsset("js/site.js")


def style_sources() -> list[str]:
    """The CSP sources of every stylesheet a page may inline."""
    return [stylesheet.source() for stylesheet in STYLESHEETS.values()]


def check_inline_assets(app_configs=None, **kwargs) -> list:
    """System check: every public page inlines both, so fail before serving."""
    from django.core.checks import Error

    errors = []
    for asset in (*STYLESHEETS.values(), SITE_SCRIPT):
        try:
            asset.read()
        except (OSError, ValueError) as error:
            errors.append(
                Error(f"An inlined static file cannot be used: {error}", id="core.E001")
            )
    return errors
