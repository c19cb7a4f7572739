"""US phone numbers: stored as E.164, shown and exported the national way."""

import re
import unicodedata


def has_foreign_digits(value: str) -> bool:
    """Digits other than 0-9 once compatibility forms are folded (NFKC turns
    full-width "８４３" into "843"; Arabic-Indic "٨٤٣" stays what it is)."""
    return any(
        char.isdigit() and not char.isascii()
        for char in unicodedata.normalize("NFKC", value)
    )


def normalize_us_phone(value: str) -> str | None:
    """'(843) 555-0134', '843.555.0134', '+1 843 555 0134' -> '+18435550134'.

    None when the text is not a plausible US number (NANP: area code and exchange
    start with 2-9). Only the ASCII digits 0-9 count, after NFKC.
    """
    value = unicodedata.normalize("NFKC", value)
    if not re.fullmatch(r"[\d\s().+\-]{7,25}", value, flags=re.ASCII):
        return None
    digits = re.sub(r"\D", "", value, flags=re.ASCII)
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10 or value.count("+") > 1:
        return None
    if value.strip().startswith("+") and not value.strip().startswith("+1"):
        return None
    if digits[0] in "01" or digits[3] in "01":
        return None
    return f"+1{digits}"


def format_us_phone(value: str) -> str:
    """'+18435550134' -> '(843) 555-0134', the way intake dials and CRMs import it;
    anything else is returned as stored."""
    if len(value) == 12 and value.startswith("+1") and value[2:].isdigit():
        return f"({value[2:5]}) {value[5:8]}-{value[8:]}"
    return value
