"""The notices in force and the consent wordings in use, as every page and form
reads them: kept in Django's cache, so the footer and a form cost no query.

Forgotten when a version is saved or deleted (signals below); the notices' entry
also carries the day it was read for, so a version dated today takes over at
midnight without anyone saving anything.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone, translation

from .choices import ConsentPurpose
from .models import ConsentWording, NoticeVersion

NOTICES_KEY = "notices:current"
CONSENT_KEY = "notices:consent:{purpose}:{language}"
SECONDS = 60 * 60 * 24


@dataclass(frozen=True)
class NoticeLink:
    kind: str
    title: str
    url: str
    number: int
    version_id: int


def current_notices() -> list[NoticeLink]:
    """Each notice kind's version in force today, in the order NoticeKind lists."""
    today = timezone.localdate().isoformat()
    kept = _get(NOTICES_KEY)
    if kept is not None and kept[0] == today:
        return kept[1]
    links = [
        NoticeLink(v.kind, v.title, notice_url(v.kind), v.number, v.pk)
        for v in NoticeVersion.objects.current().values()
    ]
    _set(NOTICES_KEY, (today, links))
    return links


def notice_url(kind: str) -> str:
    """The notice's lasting address: always its version in force."""
    return reverse("notices:current", kwargs={"kind": kind})


def current_notice_ids() -> list[int]:
    return [link.version_id for link in current_notices()]


def notice_links(kinds) -> list[NoticeLink]:
    """The current versions of these notice kinds (a form's), in that order."""
    by_kind = {link.kind: link for link in current_notices()}
    return [by_kind[kind] for kind in kinds if kind in by_kind]


def current_consent(purpose: str, language: str = "") -> ConsentWording | None:
    """The wording a form of this purpose shows in language (the active one)."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    key = CONSENT_KEY.format(purpose=purpose, language=language)
    wording = _get(key)
    if wording is None:
        wording = ConsentWording.objects.current(purpose, language)
        if wording is not None:
            _set(key, wording)
    return wording


def _get(key):
    try:
        return cache.get(key)
    except Exception:  # noqa: BLE001 — an unreachable cache: read the database
        return None


def _set(key, value) -> None:
    try:
        cache.set(key, value, SECONDS)
    except Exception:  # noqa: BLE001, S110 — an unreachable cache keeps nothing
        pass


def forget() -> None:
    keys = [NOTICES_KEY]
    keys += [
        CONSENT_KEY.format(purpose=purpose, language=language)
        for purpose in ConsentPurpose.values
        for language, _name in settings.LANGUAGES
    ]
    try:
        cache.delete_many(keys)
    except Exception:  # noqa: BLE001, S110 — nothing kept to forget
        pass


@receiver(post_save, sender=NoticeVersion)
@receiver(post_delete, sender=NoticeVersion)
@receiver(post_save, sender=ConsentWording)
@receiver(post_delete, sender=ConsentWording)
def forget_on_change(sender, **kwargs):
    forget()
