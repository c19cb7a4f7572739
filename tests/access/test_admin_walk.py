"""A session that passed only the password step reaches no admin URL."""

import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

from tests.support.access import password_step

# Reachable without the second step: signing in and out, the step itself, and the
# sprite and translation catalogue its page draws with (no data in either).
OPEN = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "access_verify",
    "access_enrol",
    # A set-up link asks for its own POST and checks the account itself; the passkey
    # second step answers only JSON about the signed-in account's own passkeys.
    "access_enrolment_link",
    "credential-authentication-begin",
    "credential-authentication-complete",
    "js-i18n-catalog",
}
GROUP = re.compile(r"\((?:\?P<\w+>)?[^()]*\)")


def fill(pattern, ident: int) -> str | None:
    """A concrete path for one pattern piece, or None when it cannot be filled."""
    if isinstance(pattern, RoutePattern):
        route = str(pattern)
        for name, converter in pattern.converters.items():
            kind = type(converter).__name__
            value = {
                "IntConverter": str(ident),
                "UUIDConverter": str(uuid.uuid4()),
            }.get(kind, str(ident))
            route = re.sub(rf"<(?:\w+:)?{name}>", value, route)
        return route
    if isinstance(pattern, RegexPattern):
        text = pattern.regex.pattern.lstrip("^").rstrip("$").replace(r"\Z", "")
        text = GROUP.sub(str(ident), text).replace("\\", "")
        return None if re.search(r"[\[\]*+?|(){}]", text) else text
    return None


def walk(resolver, prefix: str, ident: int):
    for entry in resolver.url_patterns:
        piece = fill(entry.pattern, ident)
        if piece is None:
            continue
        if isinstance(entry, URLResolver):
            yield from walk(entry, prefix + piece, ident)
        elif isinstance(entry, URLPattern):
            yield prefix + piece, entry.name


def admin_urls(ident: int):
    return sorted(
        {
            (path, name)
            for path, name in walk(get_resolver(), "/", ident)
            if path.startswith("/admin/")
        }
    )


@pytest.fixture
def password_only(client, staff, home):
    from tests.support.auth import get_app_device

    get_app_device(staff)
    response = password_step(client)
    assert response.status_code == 302
    return client


def test_every_admin_url_wants_the_second_step(password_only, home):
    urls = admin_urls(home.pk)
    assert len(urls) > 200, "the walk found too few admin URLs to mean anything"
    leaks = []
    for path, name in urls:
        if name in OPEN:
            continue  # GET /admin/logout/ drops the session cookie, so skip them all
        response = password_only.get(path)
        to_step = response.status_code == 302 and response["Location"].startswith(
            "/admin/access/verify/"
        )
        if not (to_step or response.status_code == 403):
            leaks.append((path, name, response.status_code, response.get("Location")))
    assert leaks == []


def test_open_urls_show_no_admin_content(password_only):
    assert password_only.get("/admin/login/")["Location"] == "/admin/"
    assert password_only.get("/admin/")["Location"].startswith("/admin/access/verify/")


def test_a_user_without_an_app_is_sent_to_enrolment(client, staff, home):
    password_step(client)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/access/enrol/?next=")
