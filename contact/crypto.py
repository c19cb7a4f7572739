"""Lead data at rest: Fernet encryption and a keyed blind index for search.

Keys come from settings (LEAD_ENCRYPTION_KEYS, newest first; LEAD_BLIND_INDEX_KEY),
which read them from the environment. MultiFernet encrypts with the first key and
decrypts with any of them, so a new key can go first while rows written under the
old one are still read; `rotate_lead_keys` then re-encrypts every row under the
newest and the old key can be dropped.

A database dump holds only ciphertext and the blind index: truncated HMACs of
normalised words of names, prefixes of emails and the last digits of phones. The
HMAC key is separate from the encryption keys, so search can be rebuilt without
decrypting and decryption keys can rotate without touching the index.
"""

import hashlib
import hmac
import re
import unicodedata
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Fernet tokens are url-safe base64 of a version byte 0x80: they all start so.
TOKEN_PREFIX = "gAAAAA"  # noqa: S105
TOKEN_CHARS = re.compile(r"[A-Za-z0-9_\-]+=*")
NAME_PREFIX_MIN, NAME_PREFIX_MAX = 2, 24
EMAIL_PREFIX_MIN, EMAIL_PREFIX_MAX = 3, 254
PHONE_SUFFIX_MIN, PHONE_SUFFIX_MAX = 4, 10
INDEX_TOKEN_HEX = 16  # 64 bits: no collision among a clinic's leads


class DecryptionFailed(Exception):
    """A token no configured key opens: revoked or wrong key, or corrupted bytes."""


def fernet_keys(keys: list[str], variable: str) -> list[Fernet]:
    """Fernet objects for `keys`, or ImproperlyConfigured naming `variable`."""
    if not keys:
        raise ImproperlyConfigured(f"{variable} must hold at least one Fernet key")
    try:
        return [Fernet(key) for key in keys]
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            f"{variable} must be comma-separated Fernet keys (32 url-safe base64 "
            "bytes each; make one with manage.py generate_lead_key)"
        ) from error


@lru_cache(maxsize=4)
def _cipher(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet(fernet_keys(list(keys), "LEAD_ENCRYPTION_KEYS"))


def get_cipher() -> MultiFernet:
    return _cipher(tuple(settings.LEAD_ENCRYPTION_KEYS))


def generate_key() -> str:
    return Fernet.generate_key().decode()


def looks_encrypted(value: str) -> bool:
    """A Fernet token rather than text stored before encryption (read as is)."""
    return value.startswith(TOKEN_PREFIX) and TOKEN_CHARS.fullmatch(value) is not None


def encrypt(text: str) -> str:
    return get_cipher().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return get_cipher().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError) as error:
        raise DecryptionFailed from error


def rotate(token: str) -> str:
    """The same text under the newest key; DecryptionFailed if no key opens it."""
    try:
        return get_cipher().rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeError) as error:
        raise DecryptionFailed from error


# --- Blind index --------------------------------------------------------------------


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").casefold().strip()


def index_token(kind: str, value: str) -> str:
    key = settings.LEAD_BLIND_INDEX_KEY.encode("utf-8")
    digest = hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256)
    return digest.hexdigest()[:INDEX_TOKEN_HEX]


def name_terms(name: str) -> set[str]:
    terms = set()
    for word in re.findall(r"\w+", normalise(name)):
        word = word[:NAME_PREFIX_MAX]
        terms.update(word[:end] for end in range(NAME_PREFIX_MIN, len(word) + 1))
    return terms


def email_terms(email: str) -> set[str]:
    email = normalise(email)[:EMAIL_PREFIX_MAX]
    return {email[:end] for end in range(EMAIL_PREFIX_MIN, len(email) + 1)}


def phone_terms(phone: str) -> set[str]:
    national = re.sub(r"[^0-9]", "", phone or "")[-PHONE_SUFFIX_MAX:]
    return {national[-size:] for size in range(PHONE_SUFFIX_MIN, len(national) + 1)}


def build_index(name: str, email: str, phone: str) -> str:
    """The searchable form of a lead: " token token … " (spaces at both ends)."""
    tokens = {index_token("n", term) for term in name_terms(name)}
    tokens |= {index_token("e", term) for term in email_terms(email)}
    tokens |= {index_token("p", term) for term in phone_terms(phone)}
    return f" {' '.join(sorted(tokens))} " if tokens else ""


def query_tokens(query: str) -> list[list[str]]:
    """What a search for `query` looks for: any one group whose tokens all match.

    A name is found by the start of each of its words ("zeb can" finds "Zebulon
    Canary"), an email by its start ("zebulon.canary@exa"), a phone by its last 4
    to 10 digits typed any way ("(843) 555-9876", "9876").
    """
    text = normalise(query)
    groups = []
    words = [word[:NAME_PREFIX_MAX] for word in re.findall(r"\w+", text)]
    if words and all(len(word) >= NAME_PREFIX_MIN for word in words):
        groups.append([index_token("n", word) for word in words])
    if len(text) >= EMAIL_PREFIX_MIN:
        groups.append([index_token("e", text[:EMAIL_PREFIX_MAX])])
    digits = re.sub(r"[^0-9]", "", text)
    if len(digits) >= PHONE_SUFFIX_MIN:
        groups.append([index_token("p", digits[-PHONE_SUFFIX_MAX:])])
    return groups
