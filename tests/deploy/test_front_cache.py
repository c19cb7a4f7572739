"""The nginx front's micro-cache: what it keeps, what it never keeps, and for how long.

nginx runs the real rendered deploy/nginx/lantana.conf.in on loopback in front of a
tiny stand-in app on the unix socket, so each answer's caching headers are ours to
choose; the Lantana app's own headers are covered by its page-cache tests, and the
two together by tests/deploy/test_cache_stack.py. Skips only when nginx is not
installed (CI installs it).
"""

import json
import shutil
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from django.conf import settings

from tests.support.nginx import NGINX_CONF, TLS, NoRedirect

DEPLOY = Path(settings.BASE_DIR) / "deploy"
HTTPS_PORT, HTTP_PORT = 8640, 8641
BASE = f"https://localhost:{HTTPS_PORT}"

pytestmark = pytest.mark.skipif(not shutil.which("nginx"), reason="nginx not installed")


class StandInApp(BaseHTTPRequestHandler):
    """Counts the requests that reach it and answers with the path's caching rule."""

    protocol_version = "HTTP/1.1"
    served: list[str] = []
    # Paths whose page was withdrawn (404), made private, or whose app is down
    # (the connection drops unanswered, as when gunicorn is gone).
    withdrawn: set[str] = set()
    private: set[str] = set()
    down: set[str] = set()
    RULES = {
        "/live/": {"Cache-Control": "public, max-age=0, s-maxage=1, stale-if-error=3"},
        "/page/": {"Cache-Control": "max-age=0, s-maxage=60"},
        "/admin/": {"Cache-Control": "max-age=0, s-maxage=60"},
        "/private/": {"Cache-Control": "private, no-store"},
        "/sets-cookie/": {
            "Cache-Control": "max-age=0, s-maxage=60",
            "Set-Cookie": "csrftoken=abc; Path=/",
        },
    }

    def answer(self) -> None:
        self.served.append(f"{self.command} {self.path}")
        path = self.path.split("?")[0]
        if path in self.down:
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if path in self.withdrawn or path in self.private:
            status = 404 if path in self.withdrawn else 302
            self.send_response(status)
            self.send_header("Cache-Control", "private, no-store")
            self.send_header("Location", "/admin/login/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = json.dumps({"served": len(self.served)}).encode() * 40
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Cookie")
        self.send_header("Strict-Transport-Security", "max-age=60")
        rule = next((r for p, r in self.RULES.items() if self.path.startswith(p)), {})
        for name, value in rule.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.answer()

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.answer()

    def address_string(self):
        return "unix"

    def log_message(self, *args):
        pass


class UnixServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


@pytest.fixture(scope="module")
def front():
    # Not pytest's tmp_path: nginx's workers run as another user and must reach in.
    folder = Path(tempfile.mkdtemp(prefix="lantana-front-"))
    folder.chmod(0o755)
    app = UnixServer(str(folder / "app.sock"), StandInApp)
    (folder / "app.sock").chmod(0o777)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    subprocess.run(  # noqa: S603
        [shutil.which("openssl"), "req", "-x509", "-newkey", "rsa:2048", "-nodes"]
        + ["-days", "1", "-subj", "/CN=localhost"]
        + ["-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")],
        capture_output=True,
        check=True,
    )
    site = subprocess.run(  # noqa: S603
        [sys.executable, str(DEPLOY / "render_nginx.py"), "--server-name", "localhost"]
        + ["--listen", "127.0.0.1", "--https-port", str(HTTPS_PORT)]
        + ["--http-port", str(HTTP_PORT)]
        + ["--certificate", str(folder / "cert.pem")]
        + ["--certificate-key", str(folder / "key.pem")]
        + ["--socket", str(folder / "app.sock"), "--log-dir", str(folder)]
        + ["--cache-dir", str(folder / "cache"), "--static-root", str(folder)]
        + ["--media-root", str(folder), "--acme-root", str(folder)],
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
    try:
        for _ in range(100):
            try:
                get("/warm-up/")
                break
            except OSError:
                assert nginx.poll() is None, (folder / "nginx-error.log").read_text()
                time.sleep(0.1)
        yield folder
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        app.shutdown()
        app.server_close()
        shutil.rmtree(folder, ignore_errors=True)


OPENER = urllib.request.build_opener(
    urllib.request.HTTPSHandler(context=TLS), NoRedirect()
)


def get(path: str, headers: dict | None = None, data: bytes | None = None, method=None):
    request = urllib.request.Request(  # noqa: S310
        BASE + path, headers=headers or {}, data=data, method=method
    )
    try:
        with OPENER.open(request, timeout=10) as response:
            return response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.headers, error.read()


def answer(path: str, **kwargs) -> tuple[int, str, bytes]:
    """(status, X-Cache-Status, body), whatever the status."""
    request = urllib.request.Request(BASE + path, **kwargs)  # noqa: S310
    try:
        with OPENER.open(request, timeout=10) as response:
            return (
                response.status,
                response.headers.get("X-Cache-Status", ""),
                response.read(),
            )
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Cache-Status", ""), error.read()


def status(path: str, **kwargs) -> str:
    headers, _body = get(path, **kwargs)
    return headers.get("X-Cache-Status", "")


def test_an_anonymous_page_is_served_from_the_cache_the_second_time(front):
    first_headers, first = get("/page/anonymous/")
    assert first_headers["X-Cache-Status"] == "MISS"
    reached = len(StandInApp.served)
    headers, body = get("/page/anonymous/")
    assert headers["X-Cache-Status"] == "HIT"
    assert body == first
    assert len(StandInApp.served) == reached


@pytest.mark.parametrize(
    "cookie",
    ["sessionid=abc", "__Host-sessionid=abc", "csrftoken=x; __Host-sessionid=abc"],
)
def test_a_session_cookie_bypasses_the_cache_and_never_fills_it(front, cookie):
    path = f"/page/session/{len(cookie)}/"
    assert status(path, headers={"Cookie": cookie}) == "BYPASS"
    assert status(path) == "MISS"  # the signed-in answer was not stored
    reached = len(StandInApp.served)
    assert status(path, headers={"Cookie": cookie}) == "BYPASS"
    assert len(StandInApp.served) == reached + 1
    assert status(path) == "HIT"


def test_a_csrf_cookie_alone_still_gets_the_cached_page(front):
    get("/page/csrf/")
    assert status("/page/csrf/", headers={"Cookie": "csrftoken=x"}) == "HIT"


def test_pagination_and_search_are_cached_per_query_string(front):
    assert status("/page/list/?page=2") == "MISS"
    assert status("/page/list/?page=2") == "HIT"
    assert status("/page/list/?page=3") == "MISS"
    assert status("/page/list/?q=alcohol&page=2") == "MISS"
    assert status("/page/list/?q=alcohol&page=2") == "HIT"


@pytest.mark.parametrize("query", ["?x=123", "?utm_source=a", "?page=2&x=1", "?sent=1"])
def test_unknown_query_strings_never_fill_the_cache(front, query):
    assert status(f"/page/junk/{query}") == "BYPASS"
    assert status(f"/page/junk/{query}") == "BYPASS"


def test_posts_reach_the_app_and_are_never_stored(front):
    get("/page/form/")
    reached = len(StandInApp.served)
    assert status("/page/form/", data=b"name=x") != "HIT"
    assert StandInApp.served[-1] == "POST /page/form/"
    assert len(StandInApp.served) == reached + 1
    assert status("/page/form/") == "HIT"  # the POST's answer did not replace it


@pytest.mark.parametrize("path", ["/private/", "/sets-cookie/", "/admin/page/"])
def test_what_the_app_keeps_private_is_never_stored(front, path):
    get(path)
    assert status(path) != "HIT"


def test_a_cached_page_carries_the_apps_hsts_header_once(front):
    get("/page/hsts/")
    headers, _body = get("/page/hsts/")
    assert headers["X-Cache-Status"] == "HIT"
    assert headers.get_all("Strict-Transport-Security") == ["max-age=60"]


def test_html_is_compressed(front):
    headers, _body = get("/page/gzip/", headers={"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip"


def brotli_module_enabled() -> bool:
    return any("brotli" in p.name for p in Path("/etc/nginx/modules-enabled").glob("*"))


@pytest.mark.skipif(not brotli_module_enabled(), reason="nginx brotli module absent")
def test_html_is_brotli_compressed_where_the_module_is_enabled(front):
    headers, _body = get("/page/brotli/", headers={"Accept-Encoding": "br, gzip"})
    assert headers["Content-Encoding"] == "br"


VARIANTS = ["", "?page=1", "?page=2", "?q=sleep", "?q=sleep&page=2"]


def warm(path: str) -> None:
    for variant in VARIANTS:
        get(path + variant)
        assert status(path + variant) == "HIT", variant


@pytest.mark.parametrize("kind", ["withdrawn", "private"])
def test_a_withdrawn_or_private_page_is_gone_from_every_variant_within_2_seconds(
    front, kind
):
    path = f"/live/{kind}/"
    warm(path)
    getattr(StandInApp, kind).add(path)
    time.sleep(2)
    for variant in VARIANTS:
        code, cache, _body = answer(path + variant)
        assert code == (404 if kind == "withdrawn" else 302), variant
        assert cache in ("EXPIRED", "MISS", ""), (variant, cache)
    # ... and stays gone, however often it is asked.
    for _ in range(3):
        assert answer(path)[1] != "STALE"


def test_the_last_copy_is_served_only_while_the_app_is_unreachable(front):
    path = "/live/outage/"
    warm(path)
    StandInApp.down.add(path)
    time.sleep(2.1)  # past its second (nginx counts whole seconds)
    code, cache, _body = answer(path)
    assert (code, cache) == (200, "STALE")
    time.sleep(3.5)  # past stale-if-error=3
    code, cache, _body = answer(path)
    assert code == 502 and cache != "STALE"


def test_a_page_withdrawn_before_an_outage_is_never_served(front):
    path = "/live/withdrawn-then-down/"
    warm(path)
    StandInApp.withdrawn.add(path)
    time.sleep(2)
    assert answer(path)[0] == 404
    time.sleep(3)
    StandInApp.down.add(path)
    code, cache, _body = answer(path)
    assert code == 502 and cache != "STALE"


def test_the_front_keeps_no_stale_copy_while_updating_and_has_no_purge_server(front):
    site = "\n".join(
        line.split("#")[0] for line in (front / "site.conf").read_text().splitlines()
    )
    assert "updating" not in site
    assert "proxy_cache_background_update" not in site
    assert "proxy_cache_use_stale" not in site
    assert "proxy_cache_purge" not in site
    assert "inactive=1m" in site and "max_size=" in site


class TestBadInput:
    def test_a_client_asking_for_no_cache_neither_bypasses_nor_refills(self, front):
        get("/page/no-cache/")
        reached = len(StandInApp.served)
        for value in ("no-cache", "no-store", "max-age=0"):
            headers = {"Cache-Control": value, "Pragma": "no-cache"}
            assert status("/page/no-cache/", headers=headers) == "HIT"
        assert len(StandInApp.served) == reached

    def test_another_host_never_gets_this_sites_page(self, front):
        get("/page/host/")
        assert status("/page/host/") == "HIT"
        code, cache, _body = answer("/page/host/", headers={"Host": "evil.example"})
        assert cache != "HIT"

    def test_head_and_conditional_requests_are_answered_from_the_cache(self, front):
        headers, _body = get("/page/head/")
        reached = len(StandInApp.served)
        head, _ = get("/page/head/", method="HEAD")
        assert head["X-Cache-Status"] == "HIT"
        conditional = {"If-Modified-Since": "Thu, 01 Jan 2099 00:00:00 GMT"}
        code, cache, _body = answer("/page/head/", headers=conditional)
        assert cache == "HIT" and code in (200, 304)
        assert len(StandInApp.served) == reached

    def test_a_flood_of_search_variants_is_kept_one_second_each(self, front):
        for n in range(30):
            assert status(f"/live/flood/?q=x{n}") == "MISS"
        time.sleep(2)
        assert status("/live/flood/?q=x0") in ("EXPIRED", "MISS")
