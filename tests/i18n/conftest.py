import pytest

from tests.support.languages import spanish_locale, translate


@pytest.fixture
def spanish(db):
    return spanish_locale()


@pytest.fixture
def home_es(home, spanish):
    return translate(
        home, spanish, title="Inicio", hero_heading="La recuperación es posible"
    )
