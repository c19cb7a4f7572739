import pytest
from django.contrib.auth import get_user_model

from tests.support.access import PASSWORD


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser(
        username="casey", email="casey@lantana.example", password=PASSWORD
    )
