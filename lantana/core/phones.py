"""Phone numbers as links: a call or text link for a number, and the crisis
numbers in text an editor wrote made links a phone can follow."""

import re

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


def tel_href(number) -> str:
    """'(843) 555-0134' -> 'tel:+18435550134'; '988' stays a short code."""
    digits = re.sub(r"\D", "", str(number or ""))
    if not digits:
        return ""
    if len(digits) == 10:
        digits = "1" + digits
    if len(digits) == 11 and digits.startswith("1"):
        return f"tel:+{digits}"
    return f"tel:{digits}"


def sms_href(number) -> str:
    href = tel_href(number)
    return href.replace("tel:", "sms:", 1) if href else ""


# "call or text 988", "text 988", a bare 988 or 911, in text an editor wrote.
_CRISIS_NUMBERS = re.compile(
    r"\b(?:(?P<both>call or text)\s+988|(?P<text>text)\s+988|(?P<number>988|911))\b",
    re.IGNORECASE,
)


def _crisis_link(match: re.Match) -> str:
    if match["both"]:
        call, text = match["both"].split(" or ")
        return f'<a href="tel:988">{call} 988</a> or <a href="sms:988">{text} 988</a>'
    if match["text"]:
        return f'<a href="sms:988">{match["text"]} 988</a>'
    return f'<a href="tel:{match["number"]}">{match["number"]}</a>'


def crisis_links(text) -> str:
    """Editor-written text with every 988 and 911 a link a phone can follow:
    "call or text 988" becomes a call link and a text link."""
    escaped = str(conditional_escape(text or ""))
    # Safe: escaped above; only our own fixed markup is added.
    return mark_safe(_CRISIS_NUMBERS.sub(_crisis_link, escaped))  # noqa: S308
