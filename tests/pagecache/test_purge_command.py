from django.core.management import call_command
from django.test import Client

from tests.support.caching import hit


def test_purge_cache_retires_every_cached_page(home, capsys):
    Client().get("/")
    assert hit(Client().get("/"))
    call_command("purge_cache")
    assert not hit(Client().get("/"))
    assert "Cache purged: generation" in capsys.readouterr().out
