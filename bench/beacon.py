"""Insight beacons under load: `make bench-beacon` (alone), and a line of `make bench`.

Checks that a page names the beacon script only as data for site.js (no request for
it before the first paint), and that gunicorn (lantana.wsgi:application, as in
production) answers a beacon in the lean branch before Django's middleware. Then
posts BENCH_BEACON_RATE beacons a second for BENCH_SECONDS to gunicorn (production
settings, BENCH_WORKERS sync workers, Redis, PostgreSQL) on loopback, at a fixed
pace whatever the answers' speed (an open loop: a slow server makes beacons wait,
and their wait counts in the latency), each from a
different visitor address. Then runs rollup_insights and checks that every accepted
beacon reached the daily counts. Prints sent, accepted, dropped, errors, latency
and the load average (the machine may be shared: read it beside the figure).
"""

import asyncio
import json
import os
import random
import re
import sys
import time
from pathlib import Path

TARGET = 1000  # beacons a second the issue asks to be absorbed
RATE = int(os.environ.get("BENCH_BEACON_RATE", str(TARGET)))
CONNECTIONS = int(os.environ.get("BENCH_BEACON_CONNECTIONS", "32"))
TIMEOUT = 10.0  # seconds a beacon may wait for its answer before it is an error
BROWSER = (
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Mobile Safari/537.36"
)


def no_request_before_first_paint(run, html: str) -> None:
    """The page names insights.js only as data for site.js, which fetches it after
    the first paint: no src, href (a preload, a prefetch, a stylesheet), srcset,
    ping or CSS url() of the page names an insights address."""
    if 'data-insights="' not in html:
        raise run.BenchError("the page does not carry the insights script's data")
    fetched = re.findall(
        r'(?:src|href|srcset|action|ping)="([^"]*insights[^"]*)"|url\(([^)]*insights[^)]*)\)',
        html,
    )
    if fetched:
        raise run.BenchError(f"the page itself fetches an insights address: {fetched}")


def bodies(paths: list[tuple[str, str]]) -> list[bytes]:
    """A few beacons as pages send them: a view (from search, social, direct) and,
    for one in four, the speed measured."""
    found = []
    for number, (path, page_type) in enumerate(paths * 4):
        beacon = {"p": path, "t": page_type, "e": [["view"]]}
        if number % 3 == 0:
            beacon["r"] = "www.google.com"
        elif number % 3 == 1:
            beacon["r"] = "m.facebook.com"
        if number % 4 == 0:
            beacon = {
                "p": path,
                "t": page_type,
                "e": [],
                "v": {"lcp": 900 + number * 37 % 2500, "inp": 80, "cls": 0.02},
            }
        found.append(json.dumps(beacon, separators=(",", ":")).encode())
    return found


def request(host: str, body: bytes, address: str) -> bytes:
    head = (
        f"POST /insights/beacon/ HTTP/1.1\r\nHost: {host}\r\n"
        f"User-Agent: {BROWSER}\r\nContent-Type: text/plain;charset=UTF-8\r\n"
        f"Sec-Fetch-Site: same-origin\r\nX-Forwarded-Proto: https\r\n"
        f"X-Forwarded-For: {address}\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def read_answer(reader) -> tuple[int, bool]:
    """The status, and whether the server closes the connection after it (gunicorn's
    sync workers always do: `Connection: close`), so the next beacon opens a new one
    instead of being written to a closed socket and counted as an error."""
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("closed")
    status = int(status_line.split()[1])
    length = 0
    close = status_line.startswith(b"HTTP/1.0")
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value)
        elif name.lower() == "connection":
            close = value.strip().lower() == "close"
    if length:
        await reader.readexactly(length)
    return status, close


async def load(host: str, port: int, payloads: list[bytes]) -> dict:
    """Send RATE beacons a second for SECONDS; each one's latency is counted from
    the moment it was due, so a server that falls behind shows it."""
    total = RATE * SECONDS
    queue: asyncio.Queue = asyncio.Queue()
    statuses: dict[str, int] = {}
    latencies: list[float] = []
    errors = 0
    rng = random.Random(26)  # noqa: S311 - made-up addresses for a load test

    async def worker():
        nonlocal errors
        reader = writer = None
        while True:
            item = await queue.get()
            if item is None:
                break
            due, payload = item
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection(host, port)
                address = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
                writer.write(request(f"{host}:{port}", payload, address))
                status, close = await asyncio.wait_for(read_answer(reader), TIMEOUT)
                statuses[str(status)] = statuses.get(str(status), 0) + 1
                latencies.append(time.monotonic() - due)
                if close:
                    writer.close()
                    reader = writer = None
            except (TimeoutError, OSError, ConnectionError, ValueError, IndexError):
                errors += 1
                if writer is not None:
                    writer.close()
                reader = writer = None

    workers = [asyncio.create_task(worker()) for _ in range(CONNECTIONS)]
    start = time.monotonic()
    for number in range(total):
        due = start + number / RATE
        delay = due - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        queue.put_nowait((due, payloads[number % len(payloads)]))
    sending = time.monotonic() - start
    for _ in workers:
        queue.put_nowait(None)
    await asyncio.gather(*workers)
    elapsed = time.monotonic() - start
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000

    return {
        "sent": total,
        "sending_seconds": round(sending, 2),
        "elapsed_seconds": round(elapsed, 2),
        "statuses": statuses,
        "accepted": statuses.get("204", 0),
        "dropped": statuses.get("429", 0),
        "errors": errors
        + sum(n for s, n in statuses.items() if s not in {"204", "429"}),
        "p50_ms": round(pct(0.50), 1) if latencies else None,
        "p99_ms": round(pct(0.99), 1) if latencies else None,
        "max_ms": round(latencies[-1] * 1000, 1) if latencies else None,
    }


def answered_before_django(run, host: str, port: int, payload: bytes) -> None:
    """One beacon first: it must be answered by the lean branch of lantana.wsgi
    (insights/wsgi.py), which sends no Content-Type; every answer Django's
    middleware sends carries one. If Django answered (a host not allowed, no
    HTTPS, no Redis), the load would measure the wrong path: stop."""
    import socket

    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(request(f"{host}:{port}", payload, "10.0.0.1"))
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = sock.recv(4096)
            if not chunk:
                break
            answer += chunk
    head = answer.split(b"\r\n\r\n")[0].decode("latin-1").lower()
    if not head.startswith("http/1.1 204") or "\r\ncontent-type:" in head:
        raise run.BenchError(
            "the beacon was not answered by the lean WSGI branch: " + head[:300]
        )


def live_pages(run, env: dict) -> list[tuple[str, str]]:
    """Every live page's path and model label ("articles.ArticlePage")."""
    code = (
        "import django, json; django.setup(); "
        "from django.contrib.contenttypes.models import ContentType; "
        "from insights.rollup import live_paths; "
        "label = lambda t: ContentType.objects.get_by_natural_key(*t.split('.'))"
        ".model_class()._meta.label; "
        "print(json.dumps(sorted((p, label(t)) for p, t in live_paths().items())))"
    )
    out = run.run(
        [run.PYTHON, "-c", code], "read the live pages", env=env, cwd=run.ROOT
    )
    return [tuple(row) for row in json.loads(out)]


def counted(run, env: dict) -> int:
    """Views plus speed samples now in the daily tables (what the load added)."""
    code = (
        "import django; django.setup(); from django.db.models import Sum; "
        "from insights.models import DailyPageCount, DailyVitals; "
        "print((DailyPageCount.objects.aggregate(n=Sum('views'))['n'] or 0)"
        " + (DailyVitals.objects.filter(metric='lcp').aggregate(n=Sum('samples'))['n'] or 0))"
    )
    return int(run.run([run.PYTHON, "-c", code], "count", env=env, cwd=run.ROOT))


def measure_beacons(run, procs, work: Path, database_url: str, html: str) -> str:
    """`run` is bench/run.py (its helpers and settings); returns the lines to print."""
    no_request_before_first_paint(run, html)
    env = run.site_env(work, "lantana.settings.production", database_url)
    os.environ["TRUSTED_PROXY_COUNT"] = "1"
    try:
        run.start_gunicorn(procs, work, "beacons", run.PORT + 8, 0, database_url)
    finally:
        del os.environ["TRUSTED_PROXY_COUNT"]
    payloads = bodies(live_pages(run, env))
    answered_before_django(run, run.HOST, run.PORT + 8, payloads[0])
    run.run(
        [run.PYTHON, "manage.py", "rollup_insights"], "rollup", env=env, cwd=run.ROOT
    )
    before = counted(run, env)
    load_before = os.getloadavg()
    result = asyncio.run(load(run.HOST, run.PORT + 8, payloads))
    load_after = os.getloadavg()
    procs.check_alive()
    started = time.monotonic()
    rolled = run.run(
        [run.PYTHON, "manage.py", "rollup_insights"], "rollup", env=env, cwd=run.ROOT
    ).strip()
    rollup_seconds = time.monotonic() - started
    added = counted(run, env) - before
    result.update(
        {
            "rate": RATE,
            "seconds": SECONDS,
            "connections": CONNECTIONS,
            "workers": run.WORKERS,
            "load_average_before": [round(n, 2) for n in load_before],
            "load_average_after": [round(n, 2) for n in load_after],
            "rollup": rolled,
            "rollup_seconds": round(rollup_seconds, 2),
            "counted_after_rollup": added,
            "cores": os.cpu_count(),
        }
    )
    on_time = result["elapsed_seconds"] <= SECONDS + 1.0
    absorbed = (
        result["errors"] == 0
        and result["accepted"] == result["sent"]
        and added == result["accepted"]
        and on_time
    )
    verdict = "absorbed" if absorbed else "NOT absorbed"
    return (
        f"beacons: {RATE}/s for {SECONDS} s ({verdict}): sent {result['sent']}, "
        f"accepted {result['accepted']}, dropped {result['dropped']}, errors "
        f"{result['errors']}; all answered {result['elapsed_seconds']} s after the "
        f"first; latency p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms, max "
        f"{result['max_ms']} ms; rollup_insights took {result['rollup_seconds']} s "
        f"and counted {added}; load average {result['load_average_before']} before, "
        f"{result['load_average_after']} after. No request for insights before the "
        f"first paint.\nbeacons (JSON): {json.dumps(result)}"
    )


SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))


def main() -> int:
    """The beacon measurement alone: a fresh database with the demo, one gunicorn."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import shutil
    import signal
    import tempfile

    import run  # bench/run.py: its processes, database and settings

    def stop(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    work = Path(tempfile.mkdtemp(prefix="lantana-bench-beacon-"))
    procs = run.Processes()
    try:
        database_url = run.create_database(work)
        run.flush_redis()
        site = run.start_gunicorn(procs, work, "page", run.PORT + 1, 0, database_url)
        html = run.fetch(site + "/", {"Accept-Encoding": "identity"})[2].decode()
        print("bench: insight beacons …", flush=True)
        print(measure_beacons(run, procs, work, database_url, html), flush=True)
        return 0
    except run.BenchError as error:
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
            run.drop_database()
        except run.BenchError as error:
            print(f"bench: {error}", file=sys.stderr)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
