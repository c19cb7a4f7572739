"""Translations built with CompactTranslationCatalog (lantana/core/catalogues.py)
answer every lookup as Django's own catalogue does, in fewer dictionaries."""

from contextlib import contextmanager
from unittest import mock

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation
from django.utils.translation import trans_real

from lantana.core.catalogues import (
    CompactTranslationCatalog,
    DjangoTranslationCatalog,
)

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# Every plural form of English and Spanish (CLDR's "many" is 1,000,000).
COUNTS = [0, 1, 2, 3, 5, 11, 21, 101, 1000, 1_000_000, 2_000_000, 1_000_001]
NEVER_TRANSLATED = "A sentence no catalogue holds, 7f3a"


def build(catalogue_class) -> dict:
    """Each language's translation built afresh with `catalogue_class`."""
    with (
        mock.patch.object(trans_real, "TranslationCatalog", catalogue_class),
        mock.patch.object(trans_real, "_translations", {}),
    ):
        return {
            language: trans_real.DjangoTranslation(language) for language in LANGUAGES
        }


@pytest.fixture(scope="module")
def django_built():
    built = build(DjangoTranslationCatalog)
    # Spanish falls back to English: to Django's own English here too.
    built["es"]._fallback = built["en"]
    return built


@pytest.fixture(scope="module")
def compact_built():
    built = build(CompactTranslationCatalog)
    built["es"]._fallback = built["en"]
    return built


@contextmanager
def active(translation_object):
    """trans_real's module functions (gettext, pgettext, …) answer from this object."""
    saved = getattr(trans_real._active, "value", None)
    trans_real._active.value = translation_object
    try:
        yield
    finally:
        if saved is None:
            del trans_real._active.value
        else:
            trans_real._active.value = saved


def every_key(built: dict) -> set:
    """Every message of every installed catalogue, in every language."""
    return {
        key
        for translation_object in built.values()
        for catalogue in translation_object._catalog._catalogs
        for key in catalogue
    } | {NEVER_TRANSLATED}


def answers(translation_object, keys) -> dict:
    """What gettext, ngettext, pgettext and npgettext answer for each key."""
    found = {}
    with active(translation_object):
        for key in keys:
            msgid = key[0] if isinstance(key, tuple) else key
            context, _, message = msgid.rpartition("\x04")
            if isinstance(key, tuple):
                for count in COUNTS:
                    if context:
                        found[key, count] = trans_real.npgettext(
                            context, message, message + " (plural)", count
                        )
                    else:
                        found[key, count] = trans_real.ngettext(
                            message, message + " (plural)", count
                        )
            elif context:
                found[key] = trans_real.pgettext(context, message)
            else:
                found[key] = trans_real.gettext(message)
            found["get", key] = translation_object._catalog.get(key)
            found["in", key] = key in translation_object._catalog
    return found


def first_seen(catalogue) -> dict:
    """The catalogue as JavaScriptCatalog reads it: items(), the first one kept."""
    seen = {}
    for key, value in catalogue.items():
        seen.setdefault(key, value)
    return seen


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_lookup_answers_as_django_does(django_built, compact_built, language):
    keys = every_key(django_built)
    assert len(keys) > 1000  # Django's, Wagtail's and our own Spanish messages
    django_answers = answers(django_built[language], keys)
    assert answers(compact_built[language], keys) == django_answers
    django_catalogue = django_built[language]._catalog
    compact_catalogue = compact_built[language]._catalog
    assert compact_catalogue[""] == django_catalogue[""]  # the header
    assert first_seen(compact_catalogue) == first_seen(django_catalogue)
    assert compact_built[language].plural(2) == django_built[language].plural(2)


def test_the_spanish_answers_are_translations(compact_built):
    """The comparison above is not between two empty catalogues."""
    with active(compact_built["es"]):
        assert trans_real.gettext("Home") == "Inicio"
        one, many = (
            "Please check one thing before sending",
            "Please check %(counter)s things before sending",
        )
        assert trans_real.ngettext(one, many, 1).startswith("Por favor")
        assert trans_real.ngettext(one, many, 2).startswith("Por favor")


def test_english_looks_in_one_dictionary(compact_built, django_built):
    assert len(django_built["en"]._catalog._catalogs) > 5
    assert len(compact_built["en"]._catalog._catalogs) == 1
    assert len(compact_built["es"]._catalog._catalogs) < len(
        django_built["es"]._catalog._catalogs
    )


def test_django_builds_compact_catalogues_again_after_a_reset():
    """Django drops its translations when LANGUAGES or LOCALE_PATHS change."""
    with override_settings(LOCALE_PATHS=settings.LOCALE_PATHS):
        assert trans_real._translations == {}
        with translation.override("en"):
            catalogue = trans_real.translation("en")._catalog
        assert isinstance(catalogue, CompactTranslationCatalog)
        assert len(catalogue._catalogs) == 1
