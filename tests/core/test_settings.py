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


def test_production_refuses_to_start_without_secret_key():
    result = run_settings(
        "lantana.settings.production", {"ALLOWED_HOSTS": "lantana.example"}
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_settings("lantana.settings.production", {"SECRET_KEY": "x" * 60})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_starts_with_both_and_is_not_debug():
    result = run_settings(
        "lantana.settings.production",
        {
            "SECRET_KEY": "k" * 60,
            "ALLOWED_HOSTS": "lantana.example,www.lantana.example",
        },
    )
    assert result.returncode == 0, result.stderr
    assert "['lantana.example', 'www.lantana.example'] False" in result.stdout


def test_production_passes_deploy_checks():
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "lantana.settings.production",
            "SECRET_KEY": "a-long-random-production-secret-" + "q7Zp" * 10,
            "ALLOWED_HOSTS": "lantana.example",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


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
