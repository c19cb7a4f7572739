"""A page in the site's other language: the switcher's links, hreflang alternates,
the canonical of an untranslated (alias) page and the language its content is in.

Spanish pages are translations of English ones (same `translation_key`), made by
wagtail-localize. Until an editor translates a page, the Spanish tree holds an
alias of it (English content under /es/): that is not a version in Spanish, so it
is never offered as one, and its canonical is the English original.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.functional import cached_property
from wagtail.models import Page

from . import site_cache
from .routing import ancestor_paths, public_q


@dataclass
class LanguageLink:
    code: str
    name: str  # in its own language: "English", "Español"
    url: str
    current: bool


@dataclass
class PathLanguages:
    """A view that is not a page: its switcher links, nothing else."""

    links: list[LanguageLink]
    alternates: tuple = ()
    canonical: str = ""
    content_language: str = ""


def language_names() -> dict[str, str]:
    return dict(settings.LANGUAGES)


def translated_versions(page) -> dict[str, dict[str, Page]]:
    """{translation_key: {language code: page}} for the page and its ancestors: every
    live, public translation that is not an alias, in one query."""
    keys = Page.objects.filter(path__in=ancestor_paths(page)).values("translation_key")
    versions: dict[str, dict[str, Page]] = {}
    pages = (
        Page.objects.filter(translation_key__in=keys, live=True, alias_of__isnull=True)
        .filter(public_q())
        .select_related("locale")
        .only("path", "url_path", "depth", "translation_key", "locale__language_code")
    )
    for version in pages:
        versions.setdefault(str(version.translation_key), {})[
            version.locale.language_code
        ] = version
    return versions


class PageLanguages:
    """A page's other languages, read once per change (site_cache.remember) and
    only when the template asks: a page that is not an alias needs nothing read
    for its canonical or content language."""

    def __init__(self, page, request):
        self.page, self.request = page, request

    @cached_property
    def versions(self) -> dict[str, dict[str, Page]]:
        # Kept until the next change (any publish, move or privacy change bumps
        # the generation): what the switcher and alternates of every page read.
        return site_cache.remember(
            f"languages:{self.page.pk}", lambda: translated_versions(self.page)
        )

    @cached_property
    def own(self) -> dict[str, Page]:
        return self.versions.get(str(self.page.translation_key), {})

    @cached_property
    def links(self) -> list[LanguageLink]:
        current = translation.get_language()
        # The ancestors' versions, nearest first (the parent, …, the home page).
        chain = sorted(
            (by_code for by_code in self.versions.values() if by_code is not self.own),
            key=lambda by_code: -next(iter(by_code.values())).depth,
        )
        links = []
        for code, name in language_names().items():
            if code == current:
                url = self.page.get_url(self.request)
            else:
                target = self.own.get(code) or next(
                    (by_code[code] for by_code in chain if code in by_code), None
                )
                url = target.get_url(self.request) if target else _home_url(code)
            links.append(LanguageLink(code, name, url, code == current))
        return links

    @cached_property
    def alternates(self) -> list[tuple[str, str]]:
        own = self.own
        if len(own) < 2 or settings.LANGUAGE_CODE not in own:
            return []
        return [
            (code, own[code].get_full_url(self.request))
            for code in language_names()
            if code in own
        ] + [("x-default", own[settings.LANGUAGE_CODE].get_full_url(self.request))]

    @cached_property
    def original(self) -> Page | None:
        """The page an alias repeats (its words are that page's language)."""
        if not self.page.alias_of_id:
            return None
        return next(
            (p for p in self.own.values() if p.pk == self.page.alias_of_id), None
        )

    @property
    def canonical(self) -> str:
        return self.original.get_full_url(self.request) if self.original else ""

    @property
    def content_language(self) -> str:
        """The language of the page's own words when it is not the visitor's
        (an alias under /es/ repeating an English page), else ""."""
        code = self.original.locale.language_code if self.original else ""
        return "" if code == translation.get_language() else code


def words_language(page) -> str:
    """The language a listed page's own words are in when they are not the
    visitor's, else "": an alias in the Spanish tree repeats the default
    language's page until an editor translates it (wagtail-localize makes aliases
    from the source language, which is ours). Reads no row: `alias_of_id` is on
    every page row a listing already holds."""
    if not getattr(page, "alias_of_id", None):
        return ""
    code = settings.LANGUAGE_CODE
    return "" if code == translation.get_language() else code


def for_page(page, request) -> PageLanguages:
    return PageLanguages(page, request)


def for_path(request) -> PageLanguages:
    """For a view that is not a page (search, the chat): the same path in the other
    language, or that language's home when the path means nothing there."""
    current = translation.get_language()
    path = request.get_full_path()
    links = []
    for code, name in language_names().items():
        url = translate_url(path, code) if code != current else path
        if code != current and url == path:
            url = _home_url(code)
        links.append(LanguageLink(code, name, url, code == current))
    return PathLanguages(links)


def _home_url(code: str) -> str:
    return "/" if code == settings.LANGUAGE_CODE else f"/{code}/"
