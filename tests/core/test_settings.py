import importlib
import subprocess
import sys

import pytest
from django.conf import settings

from lantana.settings import base

PROJECT = str(settings.BASE_DIR)


def run_settings(module: str, env: dict) -> subprocess.CompletedProcess:
    code = f"import {module} as s; print(s.SECRET_KEY[:4], s.ALLOWED_HOSTS, s.DEBUG)"
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=PROJECT,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        check=False,
    )


# Everything production needs; each test takes one thing away or changes it.
PRODUCTION_ENV = {
    "SECRET_KEY": "a-long-random-production-secret-" + "q7Zp" * 10,
    "ALLOWED_HOSTS": "lantana.example,www.lantana.example",
    # Never connected to: importing settings and `check` open no connection.
    "DATABASE_URL": "postgres://lantana@127.0.0.1:1/lantana",
    "WAGTAILADMIN_BASE_URL": "https://www.lantana.example",
    "CHANNEL_REDIS_URL": "redis://127.0.0.1:6379/1",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "LEAD_ENCRYPTION_KEYS": "cHJvZHVjdGlvbi10ZXN0LWxlYWQta2V5LTMyYnl0ZXM=",
    "LEAD_BLIND_INDEX_KEY": "production-test-blind-index-key-" + "r8Xw" * 8,
}


def production(without: str = "", **changes) -> subprocess.CompletedProcess:
    env = {**PRODUCTION_ENV, **changes}
    env.pop(without, None)
    code = (
        "import lantana.settings.production as s; "
        "print(s.ALLOWED_HOSTS, s.DEBUG, s.EMAIL_USE_TLS, s.EMAIL_USE_SSL)"
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=PROJECT,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_one_process_may_run_without_a_shared_cache():
    result = production(without="REDIS_URL", WEB_CONCURRENCY="1")
    assert result.returncode == 0, result.stderr


def refusal(result: subprocess.CompletedProcess) -> str:
    """The one line that says why production would not start."""
    assert result.returncode != 0, result.stdout
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("django.core.exceptions.ImproperlyConfigured: "), last
    return last.removeprefix("django.core.exceptions.ImproperlyConfigured: ")


@pytest.mark.parametrize(
    "name",
    [
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "WAGTAILADMIN_BASE_URL",
        "CHANNEL_REDIS_URL",
        "REDIS_URL",
        "LEAD_ENCRYPTION_KEYS",
        "LEAD_BLIND_INDEX_KEY",
    ],
)
def test_production_refuses_to_start_without_a_required_variable(name):
    message = refusal(production(without=name))
    assert message.startswith(f"{name} must be set in production")


@pytest.mark.parametrize(
    "url",
    ["http://www.lantana.example", "http://127.0.0.1:8000", "www.lantana.example"],
)
def test_production_refuses_an_admin_url_that_is_not_https(url):
    message = refusal(production(WAGTAILADMIN_BASE_URL=url))
    assert message.startswith("WAGTAILADMIN_BASE_URL must be an https:// URL")
    assert url in message


def test_production_starts_with_everything_set_and_is_not_debug():
    result = production()
    assert result.returncode == 0, result.stderr
    assert "['lantana.example', 'www.lantana.example'] False" in result.stdout


@pytest.mark.parametrize(
    ("changes", "tls_and_ssl"),
    [
        ({}, "True False"),
        ({"EMAIL_USE_SSL": "true"}, "False True"),
        ({"EMAIL_USE_TLS": "false"}, "False False"),
        ({"EMAIL_USE_TLS": "true"}, "True False"),
    ],
)
def test_production_smtp_uses_tls_unless_told_otherwise(changes, tls_and_ssl):
    result = production(**changes)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(tls_and_ssl)


def test_production_refuses_both_tls_and_ssl():
    message = refusal(production(EMAIL_USE_TLS="true", EMAIL_USE_SSL="true"))
    assert "EMAIL_USE_TLS" in message and "EMAIL_USE_SSL" in message


def test_production_refuses_a_channel_layer_that_is_not_redis():
    message = refusal(production(CHANNEL_REDIS_URL="memory://"))
    assert message.startswith("CHANNEL_REDIS_URL must be a redis://")


def test_production_chat_layer_is_redis():
    code = "import lantana.settings.production as s; print(s.CHANNEL_LAYERS)"
    env = {"PATH": "/usr/bin:/bin", **PRODUCTION_ENV}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "channels_redis.core.RedisChannelLayer" in result.stdout
    assert "redis://127.0.0.1:6379/1" in result.stdout


def test_production_refuses_a_short_secret_key():
    assert "SECRET_KEY" in refusal(production(SECRET_KEY="short"))


def manage(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "lantana.settings.production",
            **PRODUCTION_ENV,
        },
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_passes_deploy_checks():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_does_not_install_the_demo():
    result = manage("load_demo")
    assert result.returncode != 0
    assert "Unknown command: 'load_demo'" in result.stderr
    assert "demo" not in installed_apps("lantana.settings.production", PRODUCTION_ENV)
    for module in ("lantana.settings.dev", "lantana.settings.test"):
        assert "demo" in installed_apps(module, {})


def installed_apps(module: str, env: dict) -> list[str]:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import {module} as s; print(*s.INSTALLED_APPS)"],
        cwd=PROJECT,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split()


def test_dev_defaults_to_sqlite_file_and_debug():
    result = run_settings("lantana.settings.dev", {})
    assert result.returncode == 0, result.stderr
    assert "True" in result.stdout


def test_database_url_selects_postgres(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/example")
    reloaded = importlib.reload(base)
    try:
        assert (
            reloaded.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
        )
        assert reloaded.DATABASES["default"]["NAME"] == "example"
    finally:
        monkeypatch.delenv("DATABASE_URL")
        importlib.reload(base)


def test_without_database_url_it_is_sqlite(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    reloaded = importlib.reload(base)
    assert reloaded.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert str(reloaded.DATABASES["default"]["NAME"]).endswith("db.sqlite3")
    importlib.reload(base)


def test_bad_boolean_is_a_clear_error(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        base.env_bool("DEBUG")


def test_admin_does_not_call_third_parties():
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None


def test_outbound_sockets_are_blocked_except_loopback():
    import socket

    from pytest_socket import SocketConnectBlockedError

    with pytest.raises(SocketConnectBlockedError):
        socket.create_connection(("93.184.216.34", 80), timeout=1)
