"""make bench-chat: many live chats at once, through two uvicorn processes.

Production settings, a throwaway PostgreSQL database and the Redis channel layer (as
bench/run.py sets them up), two uvicorn processes on two ports, BENCH_CHAT_STAFF (10)
intake users whose sessions are made directly (signed in, second step verified, as
after a real sign-in), alternating between the processes. BENCH_CHAT_CONVERSATIONS
visitors (50) start a chat through POST /chat/live/, each taken by one intake user
(user i takes visitors i, i + 10, ...); half of each user's visitors are on the other
process, so their messages cross Redis. Each visitor and their intake user then send
BENCH_CHAT_MESSAGES (10) numbered messages each way, one every BENCH_CHAT_INTERVAL
seconds (2.6: a visitor no faster than the live chat's own rate limit, CHAT_RATE,
allows). BENCH_CHAT_STAFF=1 is the worst case: one person holding all 50 chats.

Prints p50/p95/p99 delivery latency both ways (sent on one socket to received on the
other) and what was lost, duplicated or out of order, checked on the sockets and in
PostgreSQL. Exits non-zero if any message is lost or duplicated, or on any failure.
README "Performance".
"""

import asyncio
import json
import os
import random
import signal
import socket
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import defaultdict
from pathlib import Path

# Its own database and Redis database beside `make bench`'s (see bench/run.py).
os.environ.setdefault("BENCH_DATABASE", "lantana_bench_chat")
os.environ.setdefault("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as pagebench  # noqa: E402
from websockets.asyncio.client import connect  # noqa: E402
from websockets.exceptions import ConnectionClosed  # noqa: E402

CONVERSATIONS = pagebench.env_int("BENCH_CHAT_CONVERSATIONS", 50)
MESSAGES = pagebench.env_int("BENCH_CHAT_MESSAGES", 10)
STAFF = max(1, pagebench.env_int("BENCH_CHAT_STAFF", 10))
PORT = pagebench.env_int("BENCH_CHAT_PORT", 8310)
# Seconds between two messages of one side of a conversation. A visitor may send 5
# per 10 s (CHAT_RATE, the first one included), so no less than 2.6.
INTERVAL = max(2.6, float(pagebench.env("BENCH_CHAT_INTERVAL", "2.6")))
GRACE = 15.0  # seconds to wait for the last deliveries
TARGET_P95_MS = 300
HOST = pagebench.HOST
UVICORN = str(pagebench.ROOT / ".venv" / "bin" / "uvicorn")
BenchError = pagebench.BenchError

STORED_CODE = """
import json
from django.db.models import Count
from contact.chat.models import ChatMessage
rows = (
    ChatMessage.objects.filter(text__startswith="bench ")
    .values("conversation__lead__reference", "text")
    .annotate(n=Count("pk"))
)
seqs = ChatMessage.objects.values("conversation_id", "seq").annotate(n=Count("pk"))
print(json.dumps({
    "rows": [[r["conversation__lead__reference"], r["text"], r["n"]] for r in rows],
    "seq_dupes": sum(1 for r in seqs if r["n"] > 1),
}))
"""


def manage(env: dict, *args: str) -> list[str]:
    out = pagebench.run(
        [pagebench.PYTHON, "manage.py", *args],
        f"manage.py {args[0]}",
        env=env,
        cwd=pagebench.ROOT,
    )
    return out.strip().splitlines()


def manage_json(env: dict, code: str):
    return json.loads(manage(env, "shell", "-c", code)[-1])


def staff_cookies(env: dict) -> list[str]:
    """A signed-in, verified session cookie for each of the STAFF intake users."""
    names = ["bench-intake", "--first-name", "Dana", "--last-name", "Bench"]
    lines = manage(env, "start_intake_session", *names, "--count", str(STAFF))
    return lines[-STAFF:]


# -- HTTP: what the dialog's JavaScript does -------------------------------------------


def cookies_from(headers) -> dict:
    jar = {}
    for line in headers.get_all("Set-Cookie") or []:
        name, _, rest = line.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]
    return jar


def http(method: str, url: str, headers: dict, body: bytes | None = None):
    request = urllib.request.Request(url, data=body, method=method, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class Visitor:
    def __init__(self, number: int, port: int):
        self.number, self.port = number, port
        self.base = f"http://{HOST}:{port}"
        # Each visitor its own address: the start's per-address limit stays on.
        self.address = f"10.77.{number // 200}.{number % 200 + 1}"
        self.cookies: dict[str, str] = {}
        self.received: list[dict] = []
        self.reference = self.token = None

    def headers(self) -> dict:
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return {
            "X-Forwarded-For": self.address,
            "X-Forwarded-Proto": "https",
            "Cookie": cookie,
            "Origin": f"https://{HOST}:{self.port}",
            "Referer": f"https://{HOST}:{self.port}/",
        }

    def open_dialog(self) -> None:
        status, headers, body = http(
            "GET", f"{self.base}/chat/session/", self.headers()
        )
        if status != 200:
            raise BenchError(f"GET /chat/session/ answered {status}")
        self.cookies.update(cookies_from(headers))
        self.form = json.loads(body)
        if not self.form["live"]:
            raise BenchError("/chat/session/ says nobody is taking chats")

    def start(self) -> None:
        form = {
            "csrfmiddlewaretoken": self.form["csrfToken"],
            "live-submission_id": self.form["submissionId"],
            "live-stamp": self.form["stamp"],
            "live-preferred_name": f"Bench visitor {self.number}",
            "live-first_message": "bench v0",
            "live-consent": "on",
            "live-lead_for": "self",
            "live-source_path": "/",
        }
        headers = {
            **self.headers(),
            "Content-Type": "application/x-www-form-urlencoded",
        }
        body = urllib.parse.urlencode(form).encode()
        status, headers, answer = http("POST", f"{self.base}/chat/live/", headers, body)
        if status != 201:
            raise BenchError(f"POST /chat/live/ answered {status}: {answer[:300]!r}")
        self.cookies.update(cookies_from(headers))
        started = json.loads(answer)
        self.token, self.reference = started["token"], started["reference"]


# -- the run ---------------------------------------------------------------------------


class Tally:
    """Every message's send time, and what each socket received."""

    def __init__(self) -> None:
        self.sent: dict[str, float] = {}
        self.latency = {"visitor": [], "staff": []}  # by sender
        self.seen: dict[tuple, int] = defaultdict(int)  # (reference, text) -> count
        self.last_seq: dict[tuple, int] = {}
        self.out_of_order = 0
        self.expected = 0
        self.active = 0
        self.all_active = asyncio.Event()
        self.errors: dict[str, int] = defaultdict(int)
        self.complete = asyncio.Event()

    def received(self, where: str, reference: str, message: dict) -> None:
        at = time.perf_counter()
        key = (where, reference)
        if message["seq"] <= self.last_seq.get(key, 0):
            self.out_of_order += 1
        self.last_seq[key] = max(message["seq"], self.last_seq.get(key, 0))
        if message["sender"] == where or message["sender"] == "system":
            return  # an echo of one's own message, or a notice
        self.seen[(reference, message["text"])] += 1
        if len(self.seen) >= self.expected:
            self.complete.set()
        sent = self.sent.get(message.get("id") or "")
        if sent is not None and self.seen[(reference, message["text"])] == 1:
            self.latency[message["sender"]].append((at - sent) * 1000)


async def frames(socket, until):
    """JSON frames until `until(frame)` is true (returns that frame)."""
    async for raw in socket:
        frame = json.loads(raw)
        if until(frame):
            return frame
    raise BenchError("a socket closed early")


async def staff_side(port, cookie, visitors, tally, ready, started, done):
    """One intake user on one process, taking the chats of `visitors`."""
    url = f"ws://{HOST}:{port}/ws/chat/staff/"
    headers = {"Cookie": cookie, "X-Forwarded-Proto": "https"}
    origin = f"https://{HOST}:{port}"
    async with connect(
        url, additional_headers=headers, origin=origin, ping_timeout=60
    ) as socket:
        await socket.send(json.dumps({"type": "available", "on": True}))
        await frames(socket, lambda f: f["type"] == "availability" and f["on"])
        ready.set()
        await started.wait()
        by_reference, references = {}, {v.reference for v in visitors}
        while len(by_reference) < len(visitors):
            frame = await frames(socket, lambda f: f["type"] == "queue")
            for row in frame["conversations"]:
                if row["reference"] in references:
                    by_reference[row["reference"]] = row["lead"]
        leads = {lead: ref for ref, lead in by_reference.items()}

        async def read():
            async for raw in socket:
                frame = json.loads(raw)
                if frame["type"] == "message":
                    tally.received("staff", leads[frame["lead"]], frame)
                elif frame["type"] == "error":
                    tally.errors[f"staff: {frame['code']}"] += 1

        reader = asyncio.create_task(read())
        for lead in leads:
            await socket.send(json.dumps({"type": "accept", "lead": lead}))
            await socket.send(json.dumps({"type": "open", "lead": lead, "after": 0}))
        await tally.all_active.wait()

        async def reply(lead):
            await asyncio.sleep(random.uniform(0, INTERVAL))  # noqa: S311
            for number in range(1, MESSAGES + 1):
                message_id = str(uuid.uuid4())
                tally.sent[message_id] = time.perf_counter()
                text = f"bench s{number}"
                await socket.send(
                    json.dumps(
                        {
                            "type": "message",
                            "lead": lead,
                            "text": text,
                            "id": message_id,
                        }
                    )
                )
                await asyncio.sleep(INTERVAL)

        await asyncio.gather(*(reply(lead) for lead in leads))
        await done.wait()
        reader.cancel()
        if not reader.cancelled() and reader.done() and reader.exception():
            raise reader.exception()


async def visitor_side(visitor: Visitor, tally: Tally, done: asyncio.Event):
    url = f"ws://{HOST}:{visitor.port}/ws/chat/"
    headers = {k: v for k, v in visitor.headers().items() if k != "Referer"}
    origin = headers.pop("Origin")
    async with connect(
        url, additional_headers=headers, origin=origin, ping_timeout=60
    ) as socket:
        await socket.send(
            json.dumps({"type": "join", "token": visitor.token, "after": 0})
        )
        joined = await frames(socket, lambda f: f["type"] == "joined")
        active = asyncio.Event()
        if joined["state"] == "active":
            active.set()

        async def read():
            async for raw in socket:
                frame = json.loads(raw)
                if frame["type"] == "message":
                    tally.received("visitor", visitor.reference, frame)
                elif frame["type"] == "state" and frame["state"] == "active":
                    active.set()
                elif frame["type"] == "error":
                    tally.errors[f"visitor: {frame['code']}"] += 1

        reader = asyncio.create_task(read())
        await asyncio.wait_for(active.wait(), timeout=600)
        tally.active += 1
        if tally.active == CONVERSATIONS:
            tally.all_active.set()
        await tally.all_active.wait()
        await asyncio.sleep(INTERVAL + random.uniform(0, INTERVAL))  # noqa: S311
        for number in range(1, MESSAGES + 1):
            message_id = str(uuid.uuid4())
            tally.sent[message_id] = time.perf_counter()
            text = f"bench v{number}"
            await socket.send(
                json.dumps({"type": "message", "text": text, "id": message_id})
            )
            await asyncio.sleep(INTERVAL)
        await done.wait()
        reader.cancel()


async def exchange(visitors, staff_cookies, tally):
    started, done = asyncio.Event(), asyncio.Event()
    # Intake user i takes visitors i, i + STAFF, …; users alternate between the two
    # processes, and so do each one's visitors.
    readies, staff = [], []
    for number, cookie in enumerate(staff_cookies):
        readies.append(asyncio.Event())
        mine = visitors[number :: len(staff_cookies)]
        port = PORT + 1 + number % 2
        staff.append(
            asyncio.create_task(
                staff_side(port, cookie, mine, tally, readies[-1], started, done)
            )
        )
    await asyncio.wait_for(asyncio.gather(*(r.wait() for r in readies)), timeout=60)
    await asyncio.gather(*(asyncio.to_thread(v.open_dialog) for v in visitors))
    # The forms' minimum fill time (LEAD_MIN_FILL_SECONDS, 3 s): no shortcut.
    await asyncio.sleep(3.5)
    await asyncio.gather(*(asyncio.to_thread(v.start) for v in visitors))
    started.set()
    print(f"bench: {len(visitors)} chats started", flush=True)
    tally.expected = len(visitors) * MESSAGES * 2
    sides = [asyncio.create_task(visitor_side(v, tally, done)) for v in visitors]
    began = time.perf_counter()

    async def accepted():
        await tally.all_active.wait()
        took = time.perf_counter() - began
        print(f"bench: all accepted in {took:.1f} s; exchanging messages …", flush=True)

    async def finish():
        # Sending ends after MESSAGES intervals; then wait for the last deliveries.
        await tally.all_active.wait()
        await asyncio.sleep(INTERVAL * (MESSAGES + 3) + 2)
        try:
            await asyncio.wait_for(tally.complete.wait(), timeout=GRACE)
        except TimeoutError:
            pass
        done.set()

    try:
        await asyncio.gather(finish(), accepted(), *sides, *staff)
    finally:
        done.set()
        for task in [*sides, *staff]:
            task.cancel()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def report(tally: Tally, visitors, stored: dict) -> bool:
    expected = {
        (v.reference, f"bench {side}{n}")
        for v in visitors
        for side in "vs"
        for n in range(1, MESSAGES + 1)
    }
    lost = sum(1 for key in expected if tally.seen.get(key, 0) == 0)
    duplicated = sum(count - 1 for count in tally.seen.values() if count > 1)
    stored_counts = {(ref, text): n for ref, text, n in stored["rows"]}
    references = {v.reference for v in visitors}
    stored_missing = sum(1 for key in expected if stored_counts.get(key, 0) == 0)
    stored_dupes = sum(
        n - 1 for (ref, _t), n in stored_counts.items() if ref in references and n > 1
    )
    print(
        f"bench: {len(visitors)} conversations with {STAFF} intake user(s) on 2 "
        f"uvicorn processes (ports {PORT + 1}, {PORT + 2}; Redis layer "
        f"{pagebench.REDIS_URL}), {MESSAGES} messages each way each"
    )
    ok = True
    for sender, label in (("visitor", "visitor → staff"), ("staff", "staff → visitor")):
        values = tally.latency[sender]
        if not values:
            print(f"  {label}: nothing delivered")
            ok = False
            continue
        p95 = percentile(values, 0.95)
        print(
            f"  {label}: {len(values)} delivered, p50 {statistics.median(values):.0f} ms, "
            f"p95 {p95:.0f} ms, p99 {percentile(values, 0.99):.0f} ms, "
            f"max {max(values):.0f} ms (target p95 < {TARGET_P95_MS} ms: "
            f"{'met' if p95 < TARGET_P95_MS else 'NOT met'})"
        )
    print(
        f"  on the sockets: lost {lost}, duplicated {duplicated}; "
        f"{tally.out_of_order} arrived after a later seq (a socket's own echo can "
        f"overtake the other side's message; clients place messages by seq)"
    )
    print(
        f"  in PostgreSQL: missing {stored_missing}, stored twice {stored_dupes}, "
        f"repeated seq {stored['seq_dupes']}"
    )
    if tally.errors:
        print(f"  errors the server sent: {dict(tally.errors)}")
    failures = lost + duplicated + stored_missing + stored_dupes
    return ok and failures == 0 and stored["seq_dupes"] == 0


def create_database(work: Path) -> str:
    """bench/run.py's throwaway database, migrated only: chats need no demo pages."""
    pagebench.drop_database()
    pagebench.run(["createdb", *pagebench.pg_args(), pagebench.DB_NAME], "createdb")
    database_url = f"{pagebench.PG_URL.rstrip('/')}/{pagebench.DB_NAME}"
    print(f"bench: migrating {pagebench.DB_NAME} …", flush=True)
    pagebench.run(
        [pagebench.PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"],
        "migrate",
        env=pagebench.site_env(work, "lantana.settings.production", database_url),
        cwd=pagebench.ROOT,
    )
    return database_url


def start_uvicorn(procs, work: Path, port: int, process_env: dict) -> None:
    args = [UVICORN, "lantana.asgi:application", "--host", HOST, "--port", str(port)]
    # The production unit's options (deploy/systemd/lantana-chat@.service).
    args += ["--proxy-headers", "--forwarded-allow-ips", HOST, "--no-access-log"]
    args += ["--log-level", "warning", "--timeout-graceful-shutdown", "5"]
    procs.start(
        f"uvicorn :{port}",
        args,
        work / f"uvicorn-{port}.log",
        env=process_env,
        cwd=pagebench.ROOT,
    )
    pagebench.wait_for(f"http://{HOST}:{port}/chat/session/", f"uvicorn :{port}", procs)


def main() -> int:
    def stop(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for port in (PORT + 1, PORT + 2):
        with socket.socket() as probe:
            if probe.connect_ex((HOST, port)) == 0:
                print(
                    f"bench: port {port} is in use (BENCH_CHAT_PORT)", file=sys.stderr
                )
                return 1
    procs = pagebench.Processes()
    with tempfile.TemporaryDirectory(prefix="lantana-bench-chat-") as folder:
        work = Path(folder)
        (work / "media").mkdir()
        try:
            database_url = create_database(work)
            pagebench.flush_redis()
            process_env = pagebench.site_env(
                work, "lantana.settings.production", database_url
            )
            process_env["TRUSTED_PROXY_COUNT"] = "1"
            for port in (PORT + 1, PORT + 2):
                start_uvicorn(procs, work, port, process_env)
            cookies = staff_cookies(process_env)
            visitors = [
                Visitor(n, PORT + 1 + (n // STAFF) % 2) for n in range(CONVERSATIONS)
            ]
            tally = Tally()
            asyncio.run(exchange(visitors, cookies, tally))
            procs.check_alive()
            stored = manage_json(process_env, STORED_CODE)
            return 0 if report(tally, visitors, stored) else 1
        except (BenchError, ConnectionClosed, OSError, TimeoutError) as error:
            print(f"bench: FAILED: {type(error).__name__}: {error}", file=sys.stderr)
            for log in sorted(work.glob("uvicorn-*.log")):
                tail = log.read_text(errors="replace").strip().splitlines()[-15:]
                if tail:
                    print(f"----- {log.name} -----", *tail, sep="\n", file=sys.stderr)
            return 1
        finally:
            procs.stop_all()
            pagebench.drop_database()


if __name__ == "__main__":
    sys.exit(main())
