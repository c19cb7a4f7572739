"""The files in deploy/: they parse, they say what production needs, they leak nothing.

deploy/smoke.sh runs them for real (CI runs it after the suite); these checks are
the quick part that runs with every `make test`.
"""

import configparser
import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

DEPLOY = Path(settings.BASE_DIR) / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("lantana-*"))
SERVICES = [unit for unit in UNITS if unit.suffix == ".service"]


def render(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, str(DEPLOY / "render_nginx.py"), *args],
        capture_output=True,
        text=True,
        check=False,
    )


def unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(path)
    return parser


def nginx_test(site: str, tmp_path: Path) -> subprocess.CompletedProcess:
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        # Debian's nginx.conf loads the modules (cache purge) the same way.
        "include /etc/nginx/modules-enabled/*.conf;\n"
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        "http {\n    include /etc/nginx/mime.types;\n"
        f"    client_body_temp_path {tmp_path}/body;\n"
        f"    proxy_temp_path {tmp_path}/proxy;\n"
        f"    include {tmp_path}/site.conf;\n}}\n"
    )
    return subprocess.run(  # noqa: S603
        [
            shutil.which("nginx"),
            "-t",
            "-q",
            "-c",
            str(tmp_path / "nginx.conf"),
            "-e",
            str(tmp_path / "error.log"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )


def self_signed(tmp_path: Path) -> tuple[Path, Path]:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(  # noqa: S603
        [shutil.which("openssl"), "req", "-x509", "-newkey", "rsa:2048", "-nodes"]
        + ["-days", "1", "-subj", "/CN=localhost", "-keyout", str(key)]
        + ["-out", str(cert)],
        capture_output=True,
        check=True,
    )
    return cert, key


def test_production_render_fills_every_placeholder():
    result = render("--server-name", "www.lantanarecovery.example")
    assert result.returncode == 0, result.stderr
    site = result.stdout
    assert not re.search(r"@[A-Z_]+@", site)
    assert "listen 443 ssl http2;" in site and "listen [::]:443 ssl http2;" in site
    assert "return 301 https://$server_name$request_uri;" in site
    assert "/etc/letsencrypt/live/www.lantanarecovery.example/fullchain.pem" in site
    assert "server unix:/run/lantana-gunicorn.sock" in site


def test_loopback_render_listens_on_loopback_only():
    site = render(
        "--server-name", "localhost", "--listen", "127.0.0.1", "--https-port", "8243"
    ).stdout
    listens = [line.strip() for line in site.splitlines() if "listen " in line]
    assert listens == [
        "listen 127.0.0.1:80;",
        "listen 127.0.0.1:8243 ssl http2;",
    ]
    assert "https://$server_name:8243$request_uri" in site


def test_brotli_is_rendered_only_when_asked_or_enabled():
    on = render("--server-name", "localhost", "--brotli", "on").stdout
    off = render("--server-name", "localhost", "--brotli", "off").stdout
    assert "brotli on;" in on and "brotli_static on;" in on
    assert "brotli on;" not in off and "brotli_static" not in off


def test_render_refuses_a_host_name_that_is_not_one():
    result = render("--server-name", "evil.example; include /etc/passwd")
    assert result.returncode != 0
    assert "--server-name" in result.stderr


def test_proxy_sets_the_headers_the_app_trusts():
    site = render("--server-name", "www.lantanarecovery.example").stdout
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in site
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in site
    # One marked place for the app's location (the micro-cache goes there), and the
    # live chat's WebSockets.
    assert site.count("proxy_pass http://lantana_app;") == 1
    assert site.count("proxy_pass http://lantana_chat;") == 1
    assert site.count("proxy_pass ") == 2


def chat_location(site: str) -> str:
    return site.split("location /ws/ {", 1)[1].split("\n    }\n", 1)[0]


def test_websockets_go_to_the_chat_upstream_upgraded_unbuffered_uncached():
    site = render("--server-name", "www.lantanarecovery.example").stdout
    ws = chat_location(site)
    assert "proxy_pass http://lantana_chat;" in ws
    assert "proxy_http_version 1.1;" in ws
    assert "proxy_set_header Upgrade $http_upgrade;" in ws
    assert 'proxy_set_header Connection "upgrade";' in ws
    assert "proxy_buffering off;" in ws
    assert "proxy_cache off;" in ws
    assert "proxy_read_timeout 1h;" in ws
    # No query string goes upstream, whatever a client appends.
    assert "rewrite ^ $uri? break;" in ws
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in ws
    upstream = site.split("upstream lantana_chat {", 1)[1].split("}", 1)[0]
    assert "server 127.0.0.1:8001;" in upstream
    assert "least_conn;" in upstream


def test_render_lists_several_chat_servers_and_refuses_junk():
    site = render(
        "--server-name",
        "www.lantanarecovery.example",
        "--chat-servers",
        "127.0.0.1:8001, 127.0.0.1:8002",
    ).stdout
    upstream = site.split("upstream lantana_chat {", 1)[1].split("}", 1)[0]
    assert upstream.count("    server 127.0.0.1:800") == 2
    for junk in ("", "127.0.0.1", "127.0.0.1:8001; include /etc/passwd"):
        result = render("--server-name", "x.example", "--chat-servers", junk)
        assert result.returncode != 0
        assert "--chat-servers" in result.stderr


def test_nginx_logs_no_query_strings():
    site = render("--server-name", "www.lantanarecovery.example").stdout
    log_format = site.split("log_format lantana", 1)[1].split(";", 1)[0]
    assert "$uri" in log_format
    for leaky in ("$request ", "$request_uri", "$args", "$query_string", "referer"):
        assert leaky not in log_format


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx not installed")
def test_nginx_accepts_the_rendered_site(tmp_path):
    cert, key = self_signed(tmp_path)
    site = render(
        "--server-name",
        "localhost",
        "--listen",
        "127.0.0.1",
        "--https-port",
        "8243",
        "--http-port",
        "8280",
        "--certificate",
        str(cert),
        "--certificate-key",
        str(key),
        "--log-dir",
        str(tmp_path),
        "--cache-dir",
        str(tmp_path / "cache"),
    ).stdout
    result = nginx_test(site, tmp_path)
    assert result.returncode == 0, result.stderr


def test_gunicorn_access_log_has_no_query_string_referrer_or_body():
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    log_format = config["access_log_format"]
    assert "%(U)s" in log_format  # the path alone
    for leaky in ("%(q)s", "%(r)s", "%(f)s", "%(a)s", "{"):
        assert leaky not in log_format
    assert config["bind"] == ["unix:/run/lantana-gunicorn.sock"]


def test_env_example_selects_production_behind_one_proxy():
    lines = (DEPLOY / "lantana.env.example").read_text().splitlines()
    assert "DJANGO_SETTINGS_MODULE=lantana.settings.production" in lines
    assert "TRUSTED_PROXY_COUNT=1" in lines


@pytest.mark.parametrize("path", SERVICES, ids=lambda path: path.name)
def test_every_service_runs_unprivileged_with_the_one_env_file(path):
    service = unit(path)["Service"]
    assert service["User"] == "lantana"
    assert service["EnvironmentFile"] == "/etc/lantana/lantana.env"
    assert service["ProtectSystem"] == "strict"
    assert service["ReadWritePaths"] == "/var/lib/lantana/media"
    assert service["NoNewPrivileges"] == "yes"
    assert service["PrivateTmp"] == "yes"


def test_each_job_has_a_timer_and_a_oneshot_service():
    for job, command in [
        ("notify-pending", "notify_pending"),
        ("purge-leads", "purge_leads"),
        ("clearsessions", "clearsessions"),
        ("rollup-insights", "rollup_insights"),
        ("warn-credentials", "warn_expiring_credentials"),
    ]:
        service = unit(DEPLOY / "systemd" / f"lantana-{job}.service")["Service"]
        assert service["Type"] == "oneshot"
        assert service["ExecStart"].endswith(f"manage.py {command}")
        timer = unit(DEPLOY / "systemd" / f"lantana-{job}.timer")
        assert timer["Timer"]["OnCalendar"]
        assert timer["Install"]["WantedBy"] == "timers.target"


def test_chat_unit_runs_uvicorn_on_loopback_behind_nginx():
    path = DEPLOY / "systemd" / "lantana-chat@.service"
    service = unit(path)["Service"]
    command = service["ExecStart"]
    assert command.startswith(
        "/srv/lantana/.venv/bin/uvicorn lantana.asgi:application "
    )
    assert "--host 127.0.0.1 --port %i" in command
    assert "--proxy-headers --forwarded-allow-ips 127.0.0.1" in command
    # nginx's access log (paths only) is the one; uvicorn's info lines name clients.
    assert "--no-access-log" in command
    assert "--log-level warning" in command
    assert service["Restart"] == "always"
    assert unit(path)["Install"]["WantedBy"] == "multi-user.target"


def test_env_example_names_the_shared_chat_layer():
    lines = (DEPLOY / "lantana.env.example").read_text().splitlines()
    assert "CHANNEL_REDIS_URL=redis://127.0.0.1:6379/1" in lines


def test_worker_and_web_processes():
    worker = unit(DEPLOY / "systemd" / "lantana-worker.service")["Service"]
    assert "manage.py db_worker" in worker["ExecStart"]
    web = unit(DEPLOY / "systemd" / "lantana-gunicorn.service")["Service"]
    assert (
        "--config /srv/lantana/deploy/gunicorn.conf.py lantana.wsgi"
        in (web["ExecStart"])
    )
    socket = unit(DEPLOY / "systemd" / "lantana-gunicorn.socket")["Socket"]
    assert socket["ListenStream"] == "/run/lantana-gunicorn.sock"
    assert socket["SocketUser"] == "www-data"


@pytest.mark.skipif(
    not shutil.which("systemd-analyze"), reason="systemd-analyze not installed"
)
def test_systemd_accepts_every_unit(tmp_path):
    """systemd-analyze verify, with /srv/lantana pointing at stand-in executables."""
    app = tmp_path / "app"
    (app / ".venv" / "bin").mkdir(parents=True)
    for name in ("python", "gunicorn", "uvicorn"):
        stub = app / ".venv" / "bin" / name
        stub.write_text("#!/bin/sh\n")
        stub.chmod(0o755)
    units = tmp_path / "units"
    units.mkdir()
    for path in UNITS:
        text = path.read_text().replace("/srv/lantana", str(app))
        (units / path.name).write_text(text)
    result = subprocess.run(  # noqa: S603
        [shutil.which("systemd-analyze"), "verify"]
        + [str(units / path.name) for path in UNITS],
        capture_output=True,
        text=True,
        check=False,
        cwd=units,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout + result.stderr == ""
