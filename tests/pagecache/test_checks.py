"""`check --deploy` refuses a per-process cache behind several workers."""

import uuid

from django.core.management import call_command
from django.core.management.base import SystemCheckError

from lantana.pagecache.checks import check_shared_cache
from tests.support.caching import TEST_REDIS_URL


def test_a_per_process_cache_behind_several_workers_is_an_error(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    errors = check_shared_cache()
    assert [error.id for error in errors] == ["pagecache.E001"]
    assert "REDIS_URL" in errors[0].hint


def test_check_deploy_says_why(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    try:
        call_command("check", "--deploy", "--tag", "caches")
    except SystemCheckError as error:
        assert "pagecache.E001" in str(error)
    else:
        raise AssertionError("check --deploy passed with a per-process cache")


def test_redis_one_process_or_no_cache_pass(settings, monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "1")
    assert check_shared_cache() == []
    monkeypatch.delenv("WEB_CONCURRENCY")
    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 0
    assert check_shared_cache() == []
    settings.PAGE_CACHE_SECONDS = 300
    settings.CACHES = {
        **settings.KEPT_PARTS_CACHES,
        "default": {
            "BACKEND": "lantana.core.cache.ResilientRedisCache",
            "LOCATION": TEST_REDIS_URL,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex[:8]}",
        },
    }
    assert check_shared_cache() == []
