"""The caches as production runs them: nothing withdrawn is served within 2 seconds.

Production settings (tests/deploy/stack_settings.py), gunicorn with three sync
workers on a unix socket (deploy/gunicorn.conf.py, lantana.wsgi), Redis, and the
rendered deploy/nginx front on loopback TLS. Changes are made here, in the test's
own process, exactly as an editor's would be; the canonical URL and its ?page=/?q=
variants are asked through nginx several times, so every worker has kept them in
Redis and in its own memory, and nginx too. Needs PostgreSQL (the workers read the
test's committed rows), Redis and nginx.
"""

import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from wagtail.models import PageViewRestriction

from demo.factories.core import StandardPageFactory
from lantana.core import generation
from tests.support.caching import TEST_REDIS_URL, needs_redis, publish
from tests.support.nginx import NGINX_CONF, TLS, NoRedirect

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
    pytest.mark.skipif(not shutil.which("nginx"), reason="nginx not installed"),
    needs_redis,
]

ROOT = Path(settings.BASE_DIR)
GUNICORN = Path(sys.executable).parent / "gunicorn"
VARIANTS = ["", "?page=1", "?page=2", "?q=sleep", "?q=sleep&page=2", "?utm_source=x"]
OLD = "CANARY-STACK-5120"
WORKERS = 3


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


OPENER = urllib.request.build_opener(
    urllib.request.HTTPSHandler(context=TLS), NoRedirect()
)


class Front:
    def __init__(self, port: int):
        self.base = f"https://localhost:{port}"

    def get(self, path: str) -> tuple[int, str, bytes]:
        request = urllib.request.Request(self.base + path)  # noqa: S310
        try:
            with OPENER.open(request, timeout=30) as response:
                cache = response.headers.get("X-Cache-Status", "")
                return response.status, cache, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("X-Cache-Status", ""), error.read()


@pytest.fixture
def shared_redis(settings):
    """This process writes the generation where the workers read it."""
    redis.Redis.from_url(TEST_REDIS_URL).flushdb()
    settings.CACHES = {
        **settings.KEPT_PARTS_CACHES,
        "default": {
            "BACKEND": "lantana.core.cache.ResilientRedisCache",
            "LOCATION": TEST_REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
    yield
    generation.reset()


def environment(folder: Path) -> dict:
    db = connection.settings_dict
    return {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "tests.deploy.stack_settings",
        "SECRET_KEY": "stack-test-" + "k" * 50,
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "WAGTAILADMIN_BASE_URL": "https://localhost",
        "REDIS_URL": TEST_REDIS_URL,
        "CHANNEL_REDIS_URL": TEST_REDIS_URL,
        "LEAD_ENCRYPTION_KEYS": "cHJvZHVjdGlvbi10ZXN0LWxlYWQta2V5LTMyYnl0ZXM=",
        "LEAD_BLIND_INDEX_KEY": "s" * 40,
        "TRUSTED_PROXY_COUNT": "1",
        "WEB_CONCURRENCY": str(WORKERS),
        # Room for a slow shutdown on a busy machine in the outage test.
        "FRONT_CACHE_STALE_SECONDS": "60",
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
    }


@pytest.fixture
def stack(home, shared_redis):
    folder = Path(tempfile.mkdtemp(prefix="lantana-stack-"))
    folder.chmod(0o755)
    port = free_port()
    log = (folder / "gunicorn.log").open("w")
    app = subprocess.Popen(  # noqa: S603
        [str(GUNICORN), "--config", str(ROOT / "deploy" / "gunicorn.conf.py")]
        + ["--bind", f"unix:{folder / 'app.sock'}", "--umask", "0", "lantana.wsgi"],
        cwd=ROOT,
        env=environment(folder),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    subprocess.run(  # noqa: S603
        [shutil.which("openssl"), "req", "-x509", "-newkey", "rsa:2048", "-nodes"]
        + ["-days", "1", "-subj", "/CN=localhost"]
        + ["-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")],
        capture_output=True,
        check=True,
    )
    site = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "deploy" / "render_nginx.py")]
        + ["--server-name", "localhost", "--listen", "127.0.0.1"]
        + ["--https-port", str(port), "--http-port", str(free_port())]
        + ["--certificate", str(folder / "cert.pem")]
        + ["--certificate-key", str(folder / "key.pem")]
        + ["--socket", str(folder / "app.sock"), "--log-dir", str(folder)]
        + ["--cache-dir", str(folder / "cache"), "--static-root", str(folder)]
        + ["--media-root", str(folder), "--acme-root", str(folder)]
        + ["--chat-servers", f"127.0.0.1:{free_port()}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (folder / "site.conf").write_text(site)
    (folder / "nginx.conf").write_text(NGINX_CONF.format(d=folder))
    nginx = subprocess.Popen(  # noqa: S603
        [shutil.which("nginx"), "-c", str(folder / "nginx.conf")]
        + ["-e", str(folder / "nginx-error.log"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    front = Front(port)
    try:
        deadline = time.monotonic() + 90
        while True:
            assert app.poll() is None, (folder / "gunicorn.log").read_text()
            assert nginx.poll() is None, (folder / "nginx-error.log").read_text()
            try:
                if front.get("/robots.txt")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, (folder / "gunicorn.log").read_text()
            time.sleep(0.3)
        front.app = app
        front.folder = folder
        yield front
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        if app.poll() is None:
            app.terminate()
            app.wait(timeout=30)
        log.close()
        shutil.rmtree(folder, ignore_errors=True)


def warm(front: Front, path: str) -> None:
    """Every variant, often enough that each worker and nginx keep it."""
    seen = set()
    for variant in VARIANTS:
        for _ in range(WORKERS * 3):
            status, cache, body = front.get(path + variant)
            assert status == 200 and OLD.encode() in body, variant
            seen.add(cache)
    assert "HIT" in seen  # nginx kept it (each copy for one second)


def assert_gone(front: Front, path: str, expected: tuple[int, ...]) -> None:
    time.sleep(2)
    for variant in VARIANTS:
        for _ in range(WORKERS * 2):
            status, cache, body = front.get(path + variant)
            assert OLD.encode() not in body, (variant, status, cache)
            assert status in expected, (variant, status, cache)
            assert cache != "STALE", variant


@pytest.fixture
def page(home):
    return publish(StandardPageFactory(parent=home, title=OLD, slug="withdrawn"))


def test_unpublish(stack, page):
    warm(stack, page.url)
    page.unpublish()
    assert_gone(stack, "/withdrawn/", (404,))


@pytest.mark.parametrize("option", ["login", "groups"])
def test_privacy(stack, page, option):
    warm(stack, page.url)
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=option)
    if option == "groups":
        restriction.groups.add(Group.objects.create(name="Clinical team"))
    assert_gone(stack, "/withdrawn/", (302,))


def test_move(stack, page, home):
    other = StandardPageFactory(parent=home, title="Elsewhere", slug="elsewhere")
    warm(stack, page.url)
    page.move(other, pos="last-child")
    assert_gone(stack, "/withdrawn/", (301, 404))  # Wagtail's redirect to the new place
    assert stack.get("/elsewhere/withdrawn/")[0] == 200


def test_delete(stack, page):
    warm(stack, page.url)
    page.delete()
    assert_gone(stack, "/withdrawn/", (404,))


def test_an_edit_is_seen_everywhere(stack, page):
    warm(stack, page.url)
    page.title = "A new title"
    publish(page)
    assert_gone(stack, "/withdrawn/", (200,))
    assert b"A new title" in stack.get("/withdrawn/?page=1")[2]


def test_a_redis_write_pause_during_an_unpublish(stack, page, monkeypatch):
    monkeypatch.setattr(generation, "RETRY_SECONDS", 0.2)
    warm(stack, page.url)
    redis.Redis.from_url(TEST_REDIS_URL).execute_command(
        "CLIENT", "PAUSE", "4000", "WRITE"
    )
    page.unpublish()
    assert_gone(stack, "/withdrawn/", (404,))  # during the pause
    time.sleep(3)  # Redis is back
    assert_gone(stack, "/withdrawn/", (404,))
    assert generation.generation().pending is None


def test_stale_only_while_the_app_is_unreachable(stack, page):
    warm(stack, page.url)
    assert stack.get(page.url)[0] == 200  # nginx's copy is at most a second old
    stack.app.send_signal(signal.SIGQUIT)  # gunicorn's quick shutdown
    stack.app.wait(timeout=30)
    time.sleep(1)
    status, cache, body = stack.get(page.url)
    assert (status, cache) == (200, "STALE") and OLD.encode() in body
    assert stack.get("/never-cached/")[0] == 502
