"""make bench: measure every page type on loopback with production settings.

Creates a throwaway PostgreSQL database, loads the demo content, collects static files,
starts gunicorn three times (every cache off; page cache off with kept parts; page
cache on), the nginx front from deploy/ when nginx is installed, and nginx serving the
article's HTML as a plain file; then runs wrk against each and prints one table. Each
page type's cold figure is measured right beside the reference's nearest page, so the
cold ratios compare two figures taken under the same load. Everything it starts is
stopped on exit, and any failure exits non-zero. See docs/development/performance.md
for the knobs and how to read it.
"""

import base64
import gzip
import json
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import beacon

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")


def env(name: str, default: str) -> str:
    return os.environ.get(name) or default


def env_int(name: str, default: int) -> int:
    value = env(name, str(default))
    if not value.isdigit():
        raise SystemExit(f"bench: {name} must be a whole number, not {value!r}")
    return int(value)


SECONDS = env_int("BENCH_SECONDS", 10)
THREADS = env_int("BENCH_THREADS", 2)
CONNECTIONS = env_int("BENCH_CONNECTIONS", 8)
WORKERS = env_int("BENCH_WORKERS", 2)
PORT = env_int("BENCH_PORT", 8600)
CACHED_SECONDS = env_int("BENCH_PAGE_CACHE_SECONDS", 300)
PG_URL = env("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DB_NAME = env("BENCH_DATABASE", "lantana_bench_run")
REDIS_URL = env("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")
# Only these page types (names as printed, comma-separated; empty: all). The article
# is always measured: the summary and the file ceiling read it.
PAGES = [n.strip() for n in env("BENCH_PAGES", "").split(",") if n.strip()]
REFERENCE_URLS = [u for u in env("BENCH_REFERENCE_URLS", "").split(",") if u.strip()]
HOST = "127.0.0.1"
# Which BENCH_REFERENCE_URLS entry is each page type's nearest page (0: the
# reference's blog post, 1: its home page, 2: its location page); the rest are
# compared with its blog post, the reference's richest ordinary page.
NEAREST_REFERENCE = {"home": 1, "location": 2}
# Every cache off renders each page type at least this many times the reference's
# nearest page (issue 20).
COLD_TARGET = 2.0

PORTS = {
    "cold": PORT + 7,
    "uncached": PORT + 1,
    "cached": PORT + 2,
    "front": PORT + 3,
    "file": PORT + 4,
    "http": PORT + 5,
    "purge": PORT + 6,
}
# One key for every process of the run (sessions, signing), never a real one.
SECRET_KEY = secrets.token_urlsafe(48)
# Lead encryption keys likewise: load_demo and the served site read the same rows.
LEAD_ENCRYPTION_KEY = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
LEAD_BLIND_INDEX_KEY = secrets.token_urlsafe(48)


class BenchError(Exception):
    """A step failed: the message says which and why."""


# -- processes -------------------------------------------------------------------------


class Processes:
    """Everything the run started, stopped in reverse order whatever happens."""

    def __init__(self) -> None:
        self.started: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, args: list[str], log: Path, **kwargs) -> None:
        with log.open("ab") as out:
            proc = subprocess.Popen(  # noqa: S603 (our own fixed commands)
                args,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                **kwargs,
            )
        self.started.append((name, proc))

    def check_alive(self) -> None:
        for name, proc in self.started:
            if proc.poll() is not None:
                raise BenchError(f"{name} exited with code {proc.returncode}")

    def stop_all(self) -> None:
        for _name, proc in reversed(self.started):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for _name, proc in reversed(self.started):
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        self.started.clear()


def run(args: list[str], step: str, **kwargs) -> str:
    result = subprocess.run(args, capture_output=True, text=True, check=False, **kwargs)  # noqa: S603
    if result.returncode != 0:
        tail = (result.stderr or result.stdout).strip().splitlines()[-15:]
        raise BenchError(
            f"{step} failed (exit {result.returncode}):\n  " + "\n  ".join(tail)
        )
    return result.stdout


def wait_for(url: str, what: str, procs: Processes, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        procs.check_alive()
        try:
            fetch(url)
            return
        except (OSError, BenchError):
            time.sleep(0.3)
    raise BenchError(f"{what} did not answer {url} within {timeout:.0f} s")


# -- HTTP ------------------------------------------------------------------------------

FORWARDED = {"X-Forwarded-Proto": "https"}


# Our own throwaway certificate on loopback: nothing to verify.
TLS = ssl.create_default_context()
TLS.check_hostname = False
TLS.verify_mode = ssl.CERT_NONE


def fetch(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={**FORWARDED, **(headers or {})})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30, context=TLS) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        raise BenchError(f"GET {url} answered {error.code}") from error


WRK_RPS = re.compile(r"Requests/sec:\s+([\d.]+)")
WRK_PCT = re.compile(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)
WRK_NON2XX = re.compile(r"Non-2xx or 3xx responses: (\d+)")
WRK_SOCKET = re.compile(
    r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"
)
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url: str, headers: dict | None = None) -> dict:
    """Load url for BENCH_SECONDS; fails on any error response or broken connection."""
    args = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency"]
    args += ["--timeout", "10s"]
    for name, value in {**FORWARDED, **(headers or {})}.items():
        args += ["-H", f"{name}: {value}"]
    return parse_wrk(url, run([*args, url], f"wrk {url}"))


def parse_wrk(url: str, out: str) -> dict:
    """req/s and p50/p99 in ms from wrk --latency output; BenchError on any error."""
    non2xx = WRK_NON2XX.search(out)
    if non2xx:
        raise BenchError(f"wrk {url}: {non2xx.group(0)}")
    sockets = WRK_SOCKET.search(out)
    connect, read, write, timeout = (
        map(int, sockets.groups()) if sockets else (0, 0, 0, 0)
    )
    if connect or read or write:
        raise BenchError(f"wrk {url}: {sockets.group(0)}")
    rps = WRK_RPS.search(out)
    if not rps:
        raise BenchError(f"wrk {url}: no Requests/sec in its output:\n{out}")
    pct = {p: float(v) * UNIT_MS[u] for p, v, u in WRK_PCT.findall(out)}
    if timeout:
        print(f"bench:   {timeout} requests took over 10 s (overloaded?)", flush=True)
    return {"rps": float(rps.group(1)), "p50": pct.get("50"), "p99": pct.get("99")}


def wire_bytes(url: str) -> dict:
    """HTML size as sent: identity, and gzip (by the server when it compresses)."""
    _status, headers, body = fetch(url, {"Accept-Encoding": "identity"})
    sizes = {"html": len(body)}
    _status, headers, gz = fetch(url, {"Accept-Encoding": "gzip"})
    if headers.get("Content-Encoding") == "gzip":
        sizes["gzip"] = len(gz)
    else:
        sizes["gzip_est"] = len(gzip.compress(body, 6))
    _status, headers, br = fetch(url, {"Accept-Encoding": "br"})
    if headers.get("Content-Encoding") == "br":
        sizes["br"] = len(br)
    return sizes


# -- the steps -------------------------------------------------------------------------


def site_env(work: Path, settings: str, database_url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings,
        "DATABASE_URL": database_url,
        "SECRET_KEY": SECRET_KEY,
        "LEAD_ENCRYPTION_KEYS": LEAD_ENCRYPTION_KEY,
        "LEAD_BLIND_INDEX_KEY": LEAD_BLIND_INDEX_KEY,
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "WAGTAILADMIN_BASE_URL": "https://localhost",
        "SECURE_SSL_REDIRECT": "false",
        "REDIS_URL": REDIS_URL,
        "CHANNEL_REDIS_URL": REDIS_URL,
        "MEDIA_ROOT": str(work / "media"),
        "STATIC_ROOT": str(work / "static"),
        "DEMO_LOGIN_DIR": str(work),
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "PYTHONDONTWRITEBYTECODE": "1",
        # bench/probe.py runs as a script: the project's apps come from here,
        # whether or not the editable install lists them all (notices does not).
        "PYTHONPATH": str(ROOT),
    }


def pg_args() -> list[str]:
    server = urllib.parse.urlsplit(PG_URL)
    return [
        "-h",
        server.hostname or HOST,
        "-p",
        str(server.port or 5432),
        "-U",
        server.username or "postgres",
    ]


def drop_database() -> None:
    run(["dropdb", *pg_args(), "--if-exists", "--force", DB_NAME], "dropdb")


def create_database(work: Path) -> str:
    drop_database()
    run(["createdb", *pg_args(), DB_NAME], "createdb")
    database_url = f"{PG_URL.rstrip('/')}/{DB_NAME}"
    # Production settings plus the demo app: the demo loads as production stores it.
    demo = site_env(work, "deploy.smoke_settings", database_url)
    print(f"bench: migrating and loading the demo into {DB_NAME} …", flush=True)
    run(
        [PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"],
        "migrate",
        env=demo,
        cwd=ROOT,
    )
    run([PYTHON, "manage.py", "load_demo"], "load_demo", env=demo, cwd=ROOT)
    print("bench: collecting static files (production storage) …", flush=True)
    prod = site_env(work, "lantana.settings.production", database_url)
    run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        "collectstatic",
        env=prod,
        cwd=ROOT,
    )
    return database_url


def flush_redis() -> None:
    """Start from an empty page cache so app-cached figures are the app's own."""
    run(
        [PYTHON, "-c", f"import redis; redis.Redis.from_url({REDIS_URL!r}).flushdb()"],
        "flush Redis",
    )


def start_gunicorn(
    procs: Processes,
    work: Path,
    name: str,
    port: int,
    page_cache: int,
    database_url: str,
    extra_bind: tuple[str, ...] = (),
    kept_parts: bool = True,
) -> str:
    process_env = site_env(work, "lantana.settings.production", database_url)
    process_env["PAGE_CACHE_SECONDS"] = str(page_cache)
    if not kept_parts:
        process_env["FRAGMENT_CACHE_SECONDS"] = "0"
    args = [
        GUNICORN,
        "lantana.wsgi:application",
        "--workers",
        str(WORKERS),
        # As production (deploy/gunicorn.conf.py): the sync worker on a roomy stack.
        "--worker-class",
        "lantana.workers.SyncWorker",
        "--bind",
        f"{HOST}:{port}",
        *extra_bind,
        "--graceful-timeout",
        "5",
        # gunicorn 27 otherwise shares one control socket in $HOME between servers.
        "--no-control-socket",
    ]
    procs.start(
        f"gunicorn ({name})",
        args,
        work / f"gunicorn-{name}.log",
        env=process_env,
        cwd=ROOT,
    )
    base = f"http://{HOST}:{port}"
    wait_for(base + "/", f"gunicorn ({name})", procs)
    return base


# The main context a Debian nginx.conf gives (modules, mime types), pointed into the
# run's folder; the site is deploy/'s own template, plus one server for the file.
NGINX_CONF = """\
include /etc/nginx/modules-enabled/*.conf;
worker_processes auto;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path {work}/nginx-temp/body;
    proxy_temp_path {work}/nginx-temp/proxy;
    fastcgi_temp_path {work}/nginx-temp/fastcgi;
    uwsgi_temp_path {work}/nginx-temp/uwsgi;
    scgi_temp_path {work}/nginx-temp/scgi;
    include {work}/site.conf;

    # The ceiling: the article's exact HTML as a static file, over the same TLS.
    server {{
        listen {host}:{file_port} ssl http2;
        ssl_certificate {work}/cert.pem;
        ssl_certificate_key {work}/key.pem;
        access_log off;
        root {work}/file-root;
    }}
}}
"""


def start_nginx(procs: Processes, work: Path, article_html: bytes) -> tuple[str, str]:
    """deploy/nginx rendered for loopback in front of the cached gunicorn, and the file."""
    for folder in ("file-root", "nginx-temp", "static-acme"):
        (work / folder).mkdir()
    (work / "file-root" / "article.html").write_bytes(article_html)
    run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-keyout",
            str(work / "key.pem"),
            "-out",
            str(work / "cert.pem"),
        ],
        "openssl (self-signed certificate)",
    )
    site = run(
        [
            PYTHON,
            str(ROOT / "deploy" / "render_nginx.py"),
            "--server-name",
            "localhost",
            "--listen",
            HOST,
            "--https-port",
            str(PORTS["front"]),
            "--http-port",
            str(PORTS["http"]),
            "--certificate",
            str(work / "cert.pem"),
            "--certificate-key",
            str(work / "key.pem"),
            "--static-root",
            str(work / "static"),
            "--media-root",
            str(work / "media"),
            "--socket",
            str(work / "app.sock"),
            "--log-dir",
            str(work),
            "--acme-root",
            str(work / "static-acme"),
            "--cache-dir",
            str(work / "nginx-cache"),
        ],
        "render deploy/nginx",
    )
    (work / "site.conf").write_text(site)
    conf = work / "nginx.conf"
    conf.write_text(NGINX_CONF.format(work=work, host=HOST, file_port=PORTS["file"]))
    errors = ["-e", str(work / "nginx-error.log")]
    run(["nginx", "-t", "-q", "-c", str(conf), *errors], "nginx -t")
    procs.start(
        "nginx",
        ["nginx", "-c", str(conf), *errors, "-g", "daemon off;"],
        work / "nginx.log",
    )
    front, file_url = (
        f"https://{HOST}:{PORTS['front']}",
        f"https://{HOST}:{PORTS['file']}/article.html",
    )
    wait_for(front + "/", "nginx (front)", procs)
    wait_for(file_url, "nginx (file)", procs)
    return front, file_url


# -- the table -------------------------------------------------------------------------


def fmt_rps(result: dict | None) -> str:
    if not result:
        return "–"
    return f"{result['rps']:.1f}" if result["rps"] < 100 else f"{result['rps']:,.0f}"


def fmt_front(row: dict) -> str:
    """Front-cached req/s, flagged when nginx did not actually serve from its cache."""
    figure = fmt_rps(row.get("front"))
    status = row.get("front_status", "HIT")
    return figure if status == "HIT" else f"{figure} ({status or 'not cached'})"


def fmt_lat(result: dict | None) -> str:
    if not result or result["p50"] is None:
        return "–"
    return f"{result['p50']:.0f} / {result['p99']:.0f}"


def fmt_bytes(sizes: dict) -> str:
    html = f"{sizes['html'] / 1024:.1f}"
    if "gzip" in sizes:
        wire = f"{sizes['gzip'] / 1024:.1f} gz"
    else:
        wire = f"{sizes['gzip_est'] / 1024:.1f} gz*"
    if "br" in sizes:
        wire += f", {sizes['br'] / 1024:.1f} br"
    return f"{html} → {wire}"


def table_lines(rows: list[dict], references: list[dict]) -> list[list[str]]:
    head = [
        "page",
        "queries cold / kept",
        "cold req/s",
        "reference beside it",
        "cold ÷ reference",
        "uncached req/s",
        "p50 / p99 ms",
        "app-cached req/s",
        "front-cached req/s",
        "KiB html → wire",
    ]
    lines = [head]
    for row in rows:
        lines.append(
            [
                row["name"],
                f"{row['cold_queries']} / {row['queries']}",
                fmt_rps(row["cold"]),
                fmt_rps(row.get("reference")),
                ratio(row["cold"], row.get("reference")),
                fmt_rps(row["uncached"]),
                fmt_lat(row["uncached"]),
                fmt_rps(row["cached"]),
                fmt_front(row),
                fmt_bytes(row["bytes"]),
            ]
        )
    for ref in references:
        lines.append(
            [
                f"reference {ref['url']}",
                "–",
                "–",
                "–",
                "–",
                fmt_rps(ref["uncached"]),
                fmt_lat(ref["uncached"]),
                "–",
                "–",
                fmt_bytes(ref["bytes"]),
            ]
        )
    return lines


def ratio(a: dict | None, b: dict | None) -> str:
    if not a or not b or not b["rps"]:
        return "–"
    return f"{a['rps'] / b['rps']:.1f}×"


def print_summary(
    rows: list[dict], file_result: dict | None, references: list[dict]
) -> None:
    by_name = {row["name"]: row for row in rows}
    article, home = by_name["article"], by_name.get("home")
    if file_result:
        print(
            f"nginx serving the article's HTML as a file: {fmt_rps(file_result)} req/s, "
            f"p50 / p99 {fmt_lat(file_result)} ms"
        )
    print(
        f"article app-cached ÷ uncached: {ratio(article['cached'], article['uncached'])}"
    )
    print(
        f"article front-cached ÷ nginx file: {ratio(article.get('front'), file_result)}"
    )
    if references:
        print(
            f"article uncached ÷ first reference: {ratio(article['uncached'], references[0]['uncached'])}"
        )
    if "article (es)" in by_name:
        spanish = by_name["article (es)"]
        print(
            "Spanish article ÷ English article: "
            f"uncached {ratio(spanish['uncached'], article['uncached'])}, "
            f"cold {ratio(spanish['cold'], article['cold'])}, "
            f"app-cached {ratio(spanish['cached'], article['cached'])} "
            "(issue 24: within 10 %)"
        )
    if home and len(references) > 1:
        print(
            f"home uncached ÷ second reference: {ratio(home['uncached'], references[1]['uncached'])}"
        )
    print_cold_targets(rows)


def print_cold_targets(rows: list[dict]) -> None:
    """Each page type, every cache off, against the reference's nearest page."""
    measured = [row for row in rows if row.get("reference")]
    if not measured:
        return
    missed = [
        row["name"]
        for row in measured
        if row["cold"]["rps"] < COLD_TARGET * row["reference"]["rps"]
    ]
    print(
        f"cold ≥ {COLD_TARGET:g}× the reference's nearest page: "
        + ("met by every page type" if not missed else "MISSED by " + ", ".join(missed))
    )


def print_table(
    rows: list[dict], file_result: dict | None, references: list[dict]
) -> None:
    lines = table_lines(rows, references)
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    print()
    print(
        f"wrk -t{THREADS} -c{CONNECTIONS} -d{SECONDS}s, gunicorn {WORKERS} sync workers, production settings"
    )
    for n, line in enumerate(lines):
        print(
            "| "
            + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(line))
            + " |"
        )
        if n == 0:
            print("| " + " | ".join("-" * w for w in widths) + " |")
    print_summary(rows, file_result, references)
    print("cold = every cache off (no page cache, no kept parts, no front); reference")
    print(
        "beside it = the reference's nearest page, measured right after the cold figure."
    )
    print("gz* = no compressing server in front: gzip -6 of the HTML, computed here.")
    print("(MISS) etc. = nginx did not keep the page: the app sent no s-maxage for it.")


# -- main ------------------------------------------------------------------------------


def check_loopback() -> None:
    """wrk only ever loads this machine, and only ports nothing else is using."""
    for url in REFERENCE_URLS:
        host = urllib.parse.urlsplit(url.strip()).hostname
        if host not in {"127.0.0.1", "localhost", "::1"}:
            raise BenchError(f"BENCH_REFERENCE_URLS must be on loopback, not {url!r}")
    for name, port in PORTS.items():
        with socket.socket() as probe:
            if probe.connect_ex((HOST, port)) == 0:
                raise BenchError(
                    f"port {port} ({name}) is already in use: BENCH_PORT moves them"
                )


def measure(procs: Processes, work: Path) -> None:
    for tool in ("wrk", "createdb", "dropdb"):
        if shutil.which(tool) is None:
            raise BenchError(
                f"{tool} is not installed (apt-get install wrk postgresql-client)"
            )
    check_loopback()
    database_url = create_database(work)
    flush_redis()
    prod = site_env(work, "lantana.settings.production", database_url)
    prod["PAGE_CACHE_SECONDS"] = "0"
    print(
        "bench: counting queries per page (second request, page cache off) …",
        flush=True,
    )
    rows = json.loads(
        run(
            [PYTHON, str(ROOT / "bench" / "probe.py")],
            "count queries",
            env=prod,
            cwd=ROOT,
        )
    )
    cold_counts = json.loads(
        run(
            [PYTHON, str(ROOT / "bench" / "probe.py")],
            "count queries (kept parts off)",
            env={**prod, "FRAGMENT_CACHE_SECONDS": "0"},
            cwd=ROOT,
        )
    )
    for row, cold_row in zip(rows, cold_counts, strict=True):
        row["cold_queries"] = cold_row["queries"]
    if PAGES:
        rows = [row for row in rows if row["name"] in {*PAGES, "article"}]
    cold = start_gunicorn(
        procs, work, "cold", PORTS["cold"], 0, database_url, kept_parts=False
    )
    uncached = start_gunicorn(
        procs, work, "uncached", PORTS["uncached"], 0, database_url
    )
    cached = start_gunicorn(
        procs,
        work,
        "cached",
        PORTS["cached"],
        CACHED_SECONDS,
        database_url,
        extra_bind=("--bind", f"unix:{work / 'app.sock'}"),
    )
    front = file_url = file_result = None
    if shutil.which("nginx"):
        article = next(row for row in rows if row["name"] == "article")
        html = fetch(uncached + article["url"], {"Accept-Encoding": "identity"})[2]
        front, file_url = start_nginx(procs, work, html)
    else:
        print(
            "bench: nginx is not installed: no front-cached or file figures", flush=True
        )
    references = [url.strip() for url in REFERENCE_URLS]
    for url in references:  # its first visits draw renditions: not what is measured
        fetch(url)
    for row in rows:
        print(f"bench: {row['name']} ({row['url']}) …", flush=True)
        row["cold"] = wrk(cold + row["url"])
        nearest = nearest_reference(row["name"], references)
        if nearest:
            row["reference"] = wrk(nearest)
        row["uncached"] = wrk(uncached + row["url"])
        fetch(cached + row["url"])  # fill the app cache before measuring it
        row["cached"] = wrk(cached + row["url"])
        if front:
            fetch(front + row["url"])  # the first visit fills nginx's cache
            headers = fetch(front + row["url"])[1]
            row["front_status"] = headers.get("X-Cache-Status", "")
            row["front"] = wrk(front + row["url"])
        row["bytes"] = wire_bytes((front or uncached) + row["url"])
        procs.check_alive()
    if file_url:
        print("bench: nginx serving the article as a file …", flush=True)
        file_result = wrk(file_url)
    article_url = next(row for row in rows if row["name"] == "article")["url"]
    html = fetch(uncached + article_url, {"Accept-Encoding": "identity"})[2].decode()
    print("bench: insight beacons …", flush=True)
    try:
        beacon_line = beacon.measure_beacons(
            sys.modules[__name__], procs, work, database_url, html
        )
    except BenchError as error:  # keep the pages' figures of a run this long
        beacon_line = f"insight beacons: FAILED ({error})"
    measured = []
    for url in references:
        print(f"bench: reference {url} …", flush=True)
        measured.append({"url": url, "uncached": wrk(url), "bytes": wire_bytes(url)})
    print_table(rows, file_result, measured)
    print(beacon_line)


def nearest_reference(name: str, references: list[str]) -> str | None:
    """The reference page a page type is compared with (NEAREST_REFERENCE)."""
    if not references:
        return None
    position = NEAREST_REFERENCE.get(name, 0)
    return references[position] if position < len(references) else references[0]


def main() -> int:
    def stop(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    work = Path(tempfile.mkdtemp(prefix="lantana-bench-"))
    # nginx workers run as another user when started by root: they must reach in.
    work.chmod(0o755)
    procs = Processes()
    try:
        measure(procs, work)
        return 0
    except BenchError as error:
        print(f"bench: FAILED: {error}\n(logs were in {work})", file=sys.stderr)
        for log in sorted(work.glob("*.log")):
            print(
                f"--- {log.name} (last lines)\n"
                + "\n".join(log.read_text(errors="replace").splitlines()[-10:]),
                file=sys.stderr,
            )
        return 1
    finally:
        procs.stop_all()
        try:
            drop_database()
        except BenchError as error:
            print(f"bench: {error}", file=sys.stderr)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
