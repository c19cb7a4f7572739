"""Spanish beside English: translated pages made the way wagtail-localize makes them
(a copy for translation, then published), from the shared English tree."""

import pytest
from wagtail.models import Locale


@pytest.fixture
def spanish(db):
    return Locale.objects.get_or_create(language_code="es")[0]


def translate(page, locale, **fields):
    """A published translation of page in locale, its fields overridden by fields."""
    translation = page.specific.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


@pytest.fixture
def home_es(home, spanish):
    return translate(
        home, spanish, title="Inicio", hero_heading="La recuperación es posible"
    )
