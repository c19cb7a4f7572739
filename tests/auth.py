"""Signing staff into the admin in tests: the one place that knows how.

Every test that needs an admin session goes through these helpers, so that when
sign-in gains steps (a second factor) only this file changes.
"""


def sign_in(client, user):
    """Give a Django test client a full staff session for `user`."""
    client.force_login(user)
    return client


def sign_in_browser(checker, username: str, password: str):
    """Sign in through the real admin login form in Playwright."""
    page = checker.page
    page.context.clear_cookies()
    checker.goto("/admin/login/", "desktop")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    return page
