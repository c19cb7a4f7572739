"""Headers and cookies: the policies we send, and Mozilla Observatory's grade for them."""

import json
import subprocess
import sys

import pytest
from django.conf import settings as django_settings

from lantana.core.inline import SITE_SCRIPT, style_sources
from tests.support.auth import get_app_device, sign_in

PRODUCTION_NAMES = [
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_NAME",
    "CSRF_COOKIE_NAME",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SAMESITE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_REFERRER_POLICY",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
    "ADMIN_CONTENT_SECURITY_POLICY",
]


def production_settings() -> dict:
    code = (
        "import json, lantana.settings.production as s; "
        # default=repr: the admin's style nonce is django-csp's NONCE marker.
        f"print(json.dumps({{n: getattr(s, n) for n in {PRODUCTION_NAMES!r}}}, "
        "default=repr))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=str(django_settings.BASE_DIR),
        env={
            "PATH": "/usr/bin:/bin",
            "SECRET_KEY": "k" * 60,
            "ALLOWED_HOSTS": "x",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/lantana",
            "WAGTAILADMIN_BASE_URL": "https://www.lantana.example",
            "CHANNEL_REDIS_URL": "redis://127.0.0.1:6379/1",
            "REDIS_URL": "redis://127.0.0.1:6379/0",
            "LEAD_ENCRYPTION_KEYS": "cHJvZHVjdGlvbi10ZXN0LWxlYWQta2V5LTMyYnl0ZXM=",
            "LEAD_BLIND_INDEX_KEY": "p" * 40,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.fixture
def production(settings):
    for name, value in production_settings().items():
        setattr(settings, name, value)
    settings.SECURE_PROXY_SSL_HEADER = None
    return settings


def directives(header: str) -> dict[str, list[str]]:
    policy = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            policy[words[0]] = words[1:]
    return policy


def test_public_pages_allow_nothing_they_do_not_need(client, home):
    response = client.get("/")
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'none'"]
    # Scripts and styles: our files, and the one inlined site script and stylesheet
    # by their hashes (no 'unsafe-inline').
    assert policy["script-src"] == ["'self'", SITE_SCRIPT.source()]
    assert policy["style-src"] == ["'self'", *style_sources()]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "unsafe" not in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "interest-cohort=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_admin_pages_carry_the_admin_policy(client, admin_user, home):
    for path in ("/admin/login/", "/admin/"):
        if path == "/admin/":
            sign_in(client, admin_user)
        header = client.get(path)["Content-Security-Policy"]
        policy = directives(header)
        assert policy["default-src"] == ["'none'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["form-action"] == ["'self'"]
        assert policy["frame-ancestors"] == ["'self'"]
        assert "'self'" in policy["script-src"]
        assert "'unsafe-eval'" not in header and "http" not in header
        if path == "/admin/login/":
            # No inline script but the site's own, by its hash (previews show it).
            assert policy["script-src"] == ["'self'", SITE_SCRIPT.source()]
        else:
            # Wagtail's inline initialisers by their hashes (lantana/core/admin_csp.py),
            # never 'unsafe-inline'.
            assert "'unsafe-inline'" not in policy["script-src"]
            assert SITE_SCRIPT.source() in policy["script-src"]


def test_production_cookies_and_policies(production):
    assert production.SESSION_COOKIE_NAME.startswith("__Host-")
    assert production.CSRF_COOKIE_NAME.startswith("__Host-")
    assert production.CSRF_COOKIE_HTTPONLY and production.SESSION_COOKIE_HTTPONLY
    public = production.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert public["upgrade-insecure-requests"] is True


# Mozilla Observatory's scoring (https://developer.mozilla.org/en-US/observatory/docs/
# tests_and_scoring): start at 100, add each test's modifier; bonuses count only when
# the score before them is at least 90. A+ is 100 or more.
def score_csp(headers) -> int:
    header = headers.get("Content-Security-Policy")
    if not header:
        return -25
    policy = directives(header)
    scripts = policy.get("script-src", policy.get("default-src", []))
    styles = policy.get("style-src", policy.get("default-src", []))
    if "'unsafe-inline'" in scripts or "data:" in scripts or "http:" in header:
        return -20
    if "'unsafe-eval'" in scripts:
        return -10
    if "'unsafe-inline'" in styles:
        return 0
    return 10 if policy.get("default-src") == ["'none'"] else 5


def score_cookies(cookies) -> int:
    if not cookies:
        return 0
    if any(not c["secure"] for c in cookies.values()):
        return -20
    if any(not c["httponly"] for name, c in cookies.items() if "session" in name):
        return -30
    if all(c["samesite"] for c in cookies.values()):
        return 5
    return 0


def score_redirection(http_response) -> int:
    location = http_response.get("Location", "")
    return (
        0
        if http_response.status_code in (301, 302) and location.startswith("https://")
        else -20
    )


def score_referrer(headers) -> int:
    value = headers.get("Referrer-Policy", "")
    private = {
        "no-referrer",
        "same-origin",
        "strict-origin",
        "strict-origin-when-cross-origin",
    }
    if not value:
        return 0
    return 5 if value.split(",")[-1].strip() in private else -5


def score_hsts(headers) -> int:
    value = headers.get("Strict-Transport-Security", "")
    if "max-age=" not in value:
        return -20
    age = int(value.split("max-age=")[1].split(";")[0])
    return 0 if age >= 15768000 else -10  # preloading counts only once on the list


def score_nosniff(headers) -> int:
    return 0 if headers.get("X-Content-Type-Options") == "nosniff" else -5


def score_framing(headers) -> int:
    policy = directives(headers.get("Content-Security-Policy", ""))
    if policy.get("frame-ancestors") in (["'none'"], ["'self'"]):
        return 5
    return 0 if headers.get("X-Frame-Options") in ("DENY", "SAMEORIGIN") else -20


def score_cors(headers) -> int:
    return -50 if headers.get("Access-Control-Allow-Origin") == "*" else 0


def observatory_score(https_response, http_response, cookies) -> int:
    headers = https_response.headers
    modifiers = [
        score_csp(headers),
        score_cookies(cookies),
        score_redirection(http_response),
        score_referrer(headers),
        score_hsts(headers),
        score_nosniff(headers),
        score_framing(headers),
        score_cors(headers),
    ]
    penalties = 100 + sum(m for m in modifiers if m < 0)
    bonuses = sum(m for m in modifiers if m > 0) if penalties >= 90 else 0
    return penalties + bonuses


def cookie_attributes(client) -> dict:
    return {
        name: {
            "secure": bool(morsel["secure"]),
            "httponly": bool(morsel["httponly"]),
            "samesite": morsel["samesite"],
        }
        for name, morsel in client.cookies.items()
    }


def test_mozilla_observatory_grades_us_a_plus(production, client, home, admin_user):
    http_response = client.get("/")
    https_response = client.get("/", secure=True)
    assert https_response.status_code == 200
    # Cookies we set: the CSRF cookie (sign-in form) and the session cookie.
    get_app_device(admin_user)
    client.get("/admin/login/", secure=True)
    client.post(
        "/admin/login/",
        {"username": admin_user.username, "password": "password"},
        secure=True,
    )
    cookies = cookie_attributes(client)
    assert {production.CSRF_COOKIE_NAME, production.SESSION_COOKIE_NAME} <= set(cookies)
    score = observatory_score(https_response, http_response, cookies)
    assert score >= 100, score
