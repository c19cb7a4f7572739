import pytest
from django.contrib.auth import get_user_model

PASSWORD = "a long staff passphrase 42"  # noqa: S105


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser(
        username="casey", email="casey@lantana.example", password=PASSWORD
    )


def password_step(client, username="casey", password=PASSWORD, **extra):
    """The first step through the real login form; returns the response."""
    return client.post(
        "/admin/login/",
        {"username": username, "password": password, "next": "/admin/"},
        **extra,
    )
