#!/usr/bin/env python3
"""Render deploy/nginx/lantana.conf.in into an nginx site file.

Production (defaults are the paths the README's "Deploying" section uses):
    python3 deploy/render_nginx.py --server-name www.lantanarecovery.example \\
        > /etc/nginx/sites-available/lantana
deploy/smoke.sh renders the same template for loopback ports and temporary paths.
Standard library only, so the system python3 can run it.
"""

import argparse
import re
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "nginx" / "lantana.conf.in"
PLACEHOLDER = re.compile(r"@([A-Z_]+)@")


def listen_lines(addresses: list[str], port: int, options: str) -> str:
    lines = []
    for address in addresses:
        where = str(port) if address == "*" else f"{address}:{port}"
        lines.append(f"    listen {where}{options};")
    return "\n".join(lines)


MODULES_ENABLED = Path("/etc/nginx/modules-enabled")
BROTLI = """\
    brotli on;
    brotli_comp_level 5;
    brotli_min_length 256;
    brotli_types text/css text/plain text/xml application/javascript application/json
                 application/xml application/rss+xml application/atom+xml image/svg+xml;"""


CHAT_SERVER = re.compile(r"(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):[0-9]{1,5}")


def chat_server_lines(servers: str) -> str:
    addresses = [item.strip() for item in servers.split(",") if item.strip()]
    if not addresses or not all(CHAT_SERVER.fullmatch(a) for a in addresses):
        raise SystemExit("render_nginx: --chat-servers must list address:port items")
    return "\n".join(f"    server {address};" for address in addresses)


def brotli_enabled(choice: str) -> bool:
    if choice == "auto":
        return any("brotli" in path.name for path in MODULES_ENABLED.glob("*.conf"))
    return choice == "on"


def render(values: dict[str, str], template: str) -> str:
    missing = sorted(set(PLACEHOLDER.findall(template)) - set(values))
    if missing:
        raise SystemExit(f"render_nginx: no value for {', '.join(missing)}")
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], template)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server-name", required=True, help="e.g. www.example.org")
    parser.add_argument(
        "--listen",
        default="*,[::]",
        help="comma-separated addresses to listen on; * = every IPv4 address",
    )
    parser.add_argument("--https-port", type=int, default=443)
    parser.add_argument("--http-port", type=int, default=80)
    parser.add_argument(
        "--certificate",
        default="/etc/letsencrypt/live/SERVER_NAME/fullchain.pem",
        help="certificate chain (SERVER_NAME is replaced by --server-name)",
    )
    parser.add_argument(
        "--certificate-key", default="/etc/letsencrypt/live/SERVER_NAME/privkey.pem"
    )
    parser.add_argument("--static-root", default="/var/lib/lantana/static")
    parser.add_argument("--media-root", default="/var/lib/lantana/media")
    parser.add_argument("--socket", default="/run/lantana-gunicorn.sock")
    parser.add_argument(
        "--chat-servers",
        default="127.0.0.1:8001",
        help="comma-separated address:port of each live-chat uvicorn process "
        "(lantana-chat@PORT.service)",
    )
    parser.add_argument("--log-dir", default="/var/log/nginx")
    parser.add_argument(
        "--brotli",
        choices=["auto", "on", "off"],
        default="auto",
        help="brotli compression; auto = if libnginx-mod-http-brotli-* is enabled",
    )
    parser.add_argument(
        "--cache-dir", default="/var/cache/nginx/lantana", help="the micro-cache"
    )
    parser.add_argument(
        "--acme-root", default="/var/www/html", help="certbot --webroot folder"
    )
    return parser.parse_args(argv)


def main(argv: list[str]) -> None:
    args = parse_args(argv)
    if not re.fullmatch(r"[A-Za-z0-9.-]+", args.server_name):
        raise SystemExit("render_nginx: --server-name must be a host name")
    brotli = brotli_enabled(args.brotli)
    addresses = [item.strip() for item in args.listen.split(",") if item.strip()]
    values = {
        "SERVER_NAME": args.server_name,
        "LISTEN_HTTP": listen_lines(addresses, args.http_port, ""),
        "LISTEN_HTTPS": listen_lines(addresses, args.https_port, " ssl http2"),
        "HTTPS_PORT_SUFFIX": "" if args.https_port == 443 else f":{args.https_port}",
        "SSL_CERTIFICATE": args.certificate.replace("SERVER_NAME", args.server_name),
        "SSL_CERTIFICATE_KEY": args.certificate_key.replace(
            "SERVER_NAME", args.server_name
        ),
        "STATIC_ROOT": args.static_root.rstrip("/"),
        "MEDIA_ROOT": args.media_root.rstrip("/"),
        "SOCKET": args.socket,
        "CHAT_SERVERS": chat_server_lines(args.chat_servers),
        "LOG_DIR": args.log_dir.rstrip("/"),
        "CACHE_DIR": args.cache_dir.rstrip("/"),
        "BROTLI": BROTLI if brotli else "    # (brotli module not enabled)",
        "BROTLI_STATIC": "        brotli_static on;" if brotli else "",
        "ACME_ROOT": args.acme_root.rstrip("/"),
    }
    sys.stdout.write(render(values, TEMPLATE.read_text()))


if __name__ == "__main__":
    main(sys.argv[1:])
