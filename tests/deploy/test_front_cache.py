"""The nginx front's micro-cache: what it keeps, what it never keeps, and the purge.

nginx runs the real rendered deploy/nginx/lantana.conf.in on loopback in front of a
tiny stand-in app on the unix socket, so each answer's caching headers are ours to
choose; the Lantana app's own headers are covered by its page-cache tests and by
`make bench`. Skips only when nginx is not installed (CI installs it).
"""

import json
import logging
import os
import shutil
import socketserver
import ssl
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
from wagtail.contrib.frontend_cache.backends import HTTPBackend

DEPLOY = Path(settings.BASE_DIR) / "deploy"
HTTPS_PORT, HTTP_PORT, PURGE_PORT = 8640, 8641, 8642
BASE = f"https://localhost:{HTTPS_PORT}"
PURGE_URL = f"http://127.0.0.1:{PURGE_PORT}"

pytestmark = pytest.mark.skipif(not shutil.which("nginx"), reason="nginx not installed")

NGINX_CONF = """\
include /etc/nginx/modules-enabled/*.conf;
worker_processes 1;
pid {d}/nginx.pid;
error_log {d}/nginx-error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path {d}/body;
    proxy_temp_path {d}/proxy;
    fastcgi_temp_path {d}/fastcgi;
    uwsgi_temp_path {d}/uwsgi;
    scgi_temp_path {d}/scgi;
    include {d}/site.conf;
}}
"""


class StandInApp(BaseHTTPRequestHandler):
    """Counts the requests that reach it and answers with the path's caching rule."""

    protocol_version = "HTTP/1.1"
    served: list[str] = []
    RULES = {
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
        + ["--http-port", str(HTTP_PORT), "--purge-listen", f"127.0.0.1:{PURGE_PORT}"]
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


TLS = ssl.create_default_context()
TLS.check_hostname = False
TLS.verify_mode = ssl.CERT_NONE  # our own throwaway certificate on loopback


def get(path: str, headers: dict | None = None, data: bytes | None = None):
    request = urllib.request.Request(BASE + path, headers=headers or {}, data=data)  # noqa: S310
    with urllib.request.urlopen(request, context=TLS, timeout=10) as response:  # noqa: S310
        return response.headers, response.read()


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


def test_wagtails_purge_makes_the_next_request_a_miss(front, caplog):
    get("/page/purged/")
    assert status("/page/purged/") == "HIT"
    with caplog.at_level(logging.ERROR, logger="wagtail.frontendcache"):
        HTTPBackend({"LOCATION": PURGE_URL}).purge("https://localhost/page/purged/")
        # A page not in the cache is no error either (nginx answers 204).
        HTTPBackend({"LOCATION": PURGE_URL}).purge("https://localhost/never-seen/")
    assert caplog.records == []
    assert status("/page/purged/") == "MISS"
    assert status("/page/purged/") == "HIT"


def test_the_purge_server_answers_only_on_loopback(front):
    site = (front / "site.conf").read_text()
    purge = site.split("Purge server", 1)[1]
    assert f"listen 127.0.0.1:{PURGE_PORT};" in purge
    assert "deny all;" in purge


def test_a_cached_page_carries_the_apps_hsts_header_once(front):
    get("/page/hsts/")
    headers, _body = get("/page/hsts/")
    assert headers["X-Cache-Status"] == "HIT"
    assert headers.get_all("Strict-Transport-Security") == ["max-age=60"]


def test_html_is_compressed(front):
    headers, _body = get("/page/gzip/", headers={"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip"


def test_production_settings_purge_through_nginx_when_configured():
    code = (
        "import django, json; django.setup(); from django.conf import settings as s;"
        "print(json.dumps([getattr(s, 'WAGTAILFRONTENDCACHE', None),"
        " 'wagtail.contrib.frontend_cache' in s.INSTALLED_APPS]))"
    )
    base = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lantana.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/lantana",
        "WAGTAILADMIN_BASE_URL": "https://www.lantana.example",
        "CHANNEL_REDIS_URL": "redis://127.0.0.1:6379/1",
        "LEAD_ENCRYPTION_KEYS": "cHJvZHVjdGlvbi10ZXN0LWxlYWQta2V5LTMyYnl0ZXM=",
        "LEAD_BLIND_INDEX_KEY": "p" * 40,
    }
    runs = {}
    for name, extra in [("on", {"FRONTEND_CACHE_PURGE_URL": PURGE_URL}), ("off", {})]:
        env = {**base, **extra}
        if not extra:
            env.pop("FRONTEND_CACHE_PURGE_URL", None)
        out = subprocess.run(  # noqa: S603
            [sys.executable, "-c", code],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            cwd=settings.BASE_DIR,
        ).stdout
        runs[name] = json.loads(out.strip().splitlines()[-1])
    backends, installed = runs["on"]
    assert backends["nginx"]["LOCATION"] == PURGE_URL
    assert backends["nginx"]["BACKEND"].endswith("HTTPBackend")
    assert installed
    # The app is always installed (the page cache purges through it); only the
    # backend depends on the variable.
    assert runs["off"] == [None, True]


def brotli_module_enabled() -> bool:
    return any("brotli" in p.name for p in Path("/etc/nginx/modules-enabled").glob("*"))


@pytest.mark.skipif(not brotli_module_enabled(), reason="nginx brotli module absent")
def test_html_is_brotli_compressed_where_the_module_is_enabled(front):
    headers, _body = get("/page/brotli/", headers={"Accept-Encoding": "br, gzip"})
    assert headers["Content-Encoding"] == "br"
