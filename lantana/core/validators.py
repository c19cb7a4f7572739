"""Links editors type: only web, mail, phone and text-message links, or paths on this site.

A `javascript:` (or `data:`, `vbscript:`…) link would run in the browser of whoever
clicks it, including a moderator previewing a page inside the admin with their lead
permissions. Browsers ignore tabs and newlines inside a scheme and leading control
characters, so this does too before looking at it.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

ALLOWED_SCHEMES = frozenset({"https", "http", "mailto", "tel", "sms"})
LINK_HELP = (
    "A path on this site (such as /chat/) or an https:, mailto:, tel: or sms: link."
)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_IGNORED = re.compile(r"[\t\n\r]")


def link_problem(value: str) -> str | None:
    """Why `value` is not a safe link, or None when it is."""
    text = _IGNORED.sub("", value).lstrip(
        "\x00\x01\x02\x03\x04\x05\x06\x07\x08"
        "\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14"
        "\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d"
        "\x1e\x1f "
    )
    if not text:
        return "Enter a link."
    match = _SCHEME.match(text)
    if match:
        scheme = match[1].lower()
        if scheme not in ALLOWED_SCHEMES:
            return f"Links starting with {scheme}: are not allowed. {LINK_HELP}"
        if scheme in {"http", "https"} and not re.match(
            r"^https?://[^/\\\s]", text, re.I
        ):
            return f"Enter a full web address such as https://example.org/. {LINK_HELP}"
        return None
    if text.startswith("/") and not text.startswith(("//", "/\\")):
        return None
    if text.startswith("#"):
        return None
    return f"Enter a link that starts with / or https://. {LINK_HELP}"


def is_safe_link(value) -> bool:
    return isinstance(value, str) and link_problem(value) is None


@deconstructible
class SafeLinkValidator:
    """Refuses every link scheme but https/http, mailto, tel and sms; allows /paths."""

    def __call__(self, value):
        if value in (None, ""):
            return
        problem = link_problem(str(value))
        if problem:
            raise ValidationError(problem, code="unsafe_link")

    def __eq__(self, other):
        return isinstance(other, SafeLinkValidator)


validate_link = SafeLinkValidator()
