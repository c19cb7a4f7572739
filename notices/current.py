"""The notices in force and the consent wordings in use, as every page and form
reads them: kept like the rest of the site chrome (lantana/core/site_cache.py), so
the footer and a form cost no query.

No freshness of their own: they are kept under the site-wide cache generation,
which any save or delete of a notice version or consent wording bumps (they are
snippets: lantana/pagecache/signals.py), like every other cached thing. The notices
in force also depend on the day, so the day is part of their name: a version dated
today takes over at midnight without anyone saving anything, in every process at
once, as the page cache's entries (keyed on the day too) do.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from lantana.core.site_cache import remember

from .choices import ConsentPurpose
from .models import ConsentWording, NoticeVersion


@dataclass(frozen=True)
class NoticeLink:
    kind: str
    title: str
    url: str
    number: int
    version_id: int


def current_notices() -> list[NoticeLink]:
    """Each notice kind's version in force today, in the order NoticeKind lists."""
    today = timezone.localdate()

    def read() -> list[NoticeLink]:
        return [
            NoticeLink(v.kind, v.title, notice_url(v.kind), v.number, v.pk)
            for v in NoticeVersion.objects.current(today).values()
        ]

    return remember(_current_name(today), read)


def _current_name(today) -> str:
    return f"notices:current:{today.isoformat()}"


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
    return remember(
        _consent_name(purpose, language),
        lambda: ConsentWording.objects.current(purpose, language),
    )


def _consent_name(purpose: str, language: str) -> str:
    return f"notices:consent:{purpose}:{language}"


def chrome_names(site_id, language: str) -> list[str]:
    """What every page reads here (the footer's notices, the chat dialog's and a
    form's consent), fetched with the rest of the chrome (site_cache.also_read)."""
    return [
        _current_name(timezone.localdate()),
        *(_consent_name(purpose, language) for purpose in ConsentPurpose.values),
    ]
