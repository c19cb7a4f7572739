import pytest

from articles.factories import ArticleIndexPageFactory, make_clinician


@pytest.fixture
def article_index(home):
    return ArticleIndexPageFactory(parent=home)


@pytest.fixture
def author(home):
    return make_clinician(home, "maya-okafor", "Maya", "Okafor", "LMSW")


@pytest.fixture
def reviewer(home):
    return make_clinician(home, "daniel-reyes", "Daniel", "Reyes", "MD")
