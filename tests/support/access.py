"""Staff sign-in helpers: the staff passphrase and the real login form's first step."""

PASSWORD = "a long staff passphrase 42"  # noqa: S105


def password_step(client, username="casey", password=PASSWORD, **extra):
    """The first step through the real login form; returns the response."""
    return client.post(
        "/admin/login/",
        {"username": username, "password": password, "next": "/admin/"},
        **extra,
    )
