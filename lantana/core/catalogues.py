"""Translation catalogues merged as Django means to merge them.

Django keeps one dictionary per installed app's catalogue unless two in a row
share a plural formula (`TranslationCatalog.update`), and in Django 5.2 it
compares a formula's code with the function itself, so it never merges: every
`gettext` tries each app's dictionary in turn before it falls back to the
message. In English that is 22 dictionaries holding nothing but their header
(Wagtail's and Django's `en` catalogues), about 60 Python calls for each string
a page prints.

`CompactTranslationCatalog` merges the way Django's comment says, and no further,
so every lookup answers what it answered before (tests/i18n/test_compact_catalogues.py
compares every message of every catalogue, singular, plural and with context, in
each language):

- a catalogue with the same plural formula (the same code) as the one above it is
  merged into it, the newer one winning, as it did by coming first;
- a catalogue holding only its header adds nothing to look up: it is left out, and
  its header becomes the one shown (the newest one's, as before).

`install()` (CoreConfig.ready) makes Django build every catalogue with it, also
each time Django throws its translations away (tests changing LANGUAGES or
INSTALLED_APPS).
"""

from django.utils.translation import trans_real

DjangoTranslationCatalog = trans_real.TranslationCatalog


class CompactTranslationCatalog(DjangoTranslationCatalog):
    def update(self, trans):
        # `trans` is newer than every catalogue here: what it holds comes first.
        messages = trans._catalog
        if messages.keys() <= {""}:
            if "" in messages:
                self._catalogs[0][""] = messages[""]
            return
        if trans.plural.__code__ == self._plurals[0].__code__:
            self._catalogs[0].update(messages)
            return
        self._catalogs.insert(0, messages.copy())
        self._plurals.insert(0, trans.plural)


def install() -> None:
    """Build Django's translations with CompactTranslationCatalog from now on."""
    if trans_real.TranslationCatalog is not CompactTranslationCatalog:
        trans_real.TranslationCatalog = CompactTranslationCatalog
        # Any built before (none, unless something translated at import time).
        trans_real._translations.clear()
