"""deploy/smoke.sh's live-chat checks: WebSockets through nginx to uvicorn.

Run with the project's .venv python (it needs `websockets`, which uvicorn[standard]
brings). Proves that nginx upgrades /ws/ to the lantana_chat upstream, that a forged
token and a stranger on the staff socket are refused (4403), and that an intake user
and a visitor exchange a message each way, with several uvicorn processes behind
nginx sharing the Redis layer; then that no log line holds what was typed.
"""

import argparse
import asyncio
import json
import secrets
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

FORBIDDEN = 4403


def ok(message: str) -> None:
    print(f"smoke:   ok  {message}")


def fail(message: str) -> None:
    raise SystemExit(f"smoke: FAILED: {message}")


def staff_cookie(manage: str) -> str:
    """The cookie of a signed-in, second-step-verified session for an intake user,
    made directly as bench/chat.py makes its own (the admin's sign-in forms are
    smoke_check.py's business)."""
    names = ["smoke-intake", "--first-name", "Robin", "--last-name", "Smoke"]
    result = subprocess.run(  # noqa: S603
        [manage, "start_intake_session", *names],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        fail(f"manage.py start_intake_session failed: {result.stderr.strip()[-2000:]}")
    return result.stdout.strip().splitlines()[-1]


class Visitor:
    """What static/js/chat.js does: the session endpoint, then POST /chat/live/."""

    def __init__(self, base: str, tls: ssl.SSLContext):
        self.base, self.tls, self.cookies = base, tls, {}

    def headers(self) -> dict:
        return {
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "Origin": self.base,
            "Referer": f"{self.base}/",
        }

    def request(self, path: str, form: dict | None = None):
        body = urllib.parse.urlencode(form).encode() if form is not None else None
        headers = self.headers()
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(self.base + path, data=body, headers=headers)  # noqa: S310
        try:
            opened = urllib.request.urlopen(request, timeout=30, context=self.tls)  # noqa: S310
            with opened as answer:
                status, answer_headers, text = (
                    answer.status,
                    answer.headers,
                    answer.read(),
                )
        except urllib.error.HTTPError as error:
            status, answer_headers, text = error.code, error.headers, error.read()
        for line in answer_headers.get_all("Set-Cookie") or []:
            name, _, rest = line.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return status, json.loads(text or b"null")

    def start(self, name: str, first_message: str, wait: float) -> dict:
        status, form = self.request("/chat/session/")
        if status != 200 or not form.get("live"):
            fail(f"/chat/session/ should say live (staff available): {status} {form}")
        time.sleep(wait)  # the form's minimum fill time
        status, started = self.request(
            "/chat/live/",
            {
                "csrfmiddlewaretoken": form["csrfToken"],
                "live-submission_id": form["submissionId"],
                "live-stamp": form["stamp"],
                "live-preferred_name": name,
                "live-first_message": first_message,
                "live-consent": "on",
                "live-lead_for": "self",
                "live-source_path": "/",
            },
        )
        if status != 201 or started.get("socket") != "/ws/chat/":
            fail(f"POST /chat/live/ answered {status}: {started}")
        return started


async def next_frame(socket, kind: str, timeout: float = 10) -> dict:
    async def find():
        async for raw in socket:
            frame = json.loads(raw)
            if frame["type"] == kind:
                return frame
        fail(f"the socket closed while waiting for {kind!r}")

    try:
        return await asyncio.wait_for(find(), timeout)
    except TimeoutError:
        fail(f"no {kind!r} frame within {timeout:.0f} s")


async def closed_with(socket) -> int | None:
    try:
        async for _raw in socket:
            pass
    except ConnectionClosed:
        pass
    return socket.close_code


async def check_refusals(wss: str, origin: str, tls) -> None:
    async with connect(f"{wss}/ws/chat/", origin=origin, ssl=tls) as socket:
        await socket.send(json.dumps({"type": "join", "token": "forged", "after": 0}))
        error = await next_frame(socket, "error")
        code = await asyncio.wait_for(closed_with(socket), 10)
    if error.get("code") != "forbidden" or code != FORBIDDEN:
        fail(f"a forged token should be refused with 4403, got {error} / {code}")
    ok("nginx upgrades /ws/chat/ to uvicorn; a forged token is refused with 4403")
    async with connect(f"{wss}/ws/chat/staff/", origin=origin, ssl=tls) as socket:
        code = await asyncio.wait_for(closed_with(socket), 10)
    if code != FORBIDDEN:
        fail(f"the staff socket should refuse a stranger with 4403, got {code}")
    ok("the staff socket refuses a visitor without a staff session (4403)")


async def check_conversation(args, tls, staff_cookie: str, typed: dict) -> None:
    wss = args.https.replace("https://", "wss://", 1)
    origin = args.https
    staff_headers = {"Cookie": staff_cookie}
    async with connect(
        f"{wss}/ws/chat/staff/",
        origin=origin,
        ssl=tls,
        additional_headers=staff_headers,
    ) as staff:
        await staff.send(json.dumps({"type": "available", "on": True}))
        # The first availability frame is the one sent on connect (off).
        for _ in range(3):
            availability = await next_frame(staff, "availability")
            if availability["on"]:
                break
        else:
            fail(f"the intake user could not switch chats on: {availability}")
        visitor = Visitor(args.https, tls)
        started = await asyncio.to_thread(
            visitor.start, typed["name"], typed["first"], args.fill_wait
        )
        alert = await next_frame(staff, "alert")
        lead = alert["lead"]
        headers = {"Cookie": visitor.headers()["Cookie"]}
        async with connect(
            f"{wss}{started['socket']}",
            origin=origin,
            ssl=tls,
            additional_headers=headers,
        ) as chat:
            await chat.send(
                json.dumps({"type": "join", "token": started["token"], "after": 0})
            )
            joined = await next_frame(chat, "joined")
            if (
                joined["reference"] != started["reference"]
                or joined["state"] != "waiting"
            ):
                fail(f"the visitor's join answered {joined}")
            first = await next_frame(chat, "message")
            if first["text"] != typed["first"]:
                fail("the visitor's first message did not come back on join")
            await staff.send(json.dumps({"type": "accept", "lead": lead}))
            state = await next_frame(chat, "state")
            if state["state"] != "active" or state["staff"] != "Robin":
                fail(f"the visitor should see Robin accept, got {state}")
            await staff.send(
                json.dumps(
                    {
                        "type": "message",
                        "lead": lead,
                        "text": typed["staff"],
                        "id": str(uuid.uuid4()),
                    }
                )
            )
            while (reply := await next_frame(chat, "message"))["sender"] != "staff":
                pass
            if reply["text"] != typed["staff"] or reply["name"] != "Robin":
                fail(f"the visitor got {reply} instead of the staff reply")
            await chat.send(
                json.dumps(
                    {
                        "type": "message",
                        "text": typed["visitor"],
                        "id": str(uuid.uuid4()),
                    }
                )
            )
            while True:
                frame = await next_frame(staff, "message")
                if frame["sender"] == "visitor" and frame["text"] == typed["visitor"]:
                    break
        ok("an intake user and a visitor exchanged a message each way through nginx")
        await staff.send(json.dumps({"type": "close", "lead": lead}))


async def check_query_strings_stay_out(wss: str, origin: str, tls, probe: str) -> None:
    async with connect(
        f"{wss}/ws/chat/?token={probe}", origin=origin, ssl=tls
    ) as socket:
        await socket.send(json.dumps({"type": "join", "token": "forged", "after": 0}))
        await asyncio.wait_for(closed_with(socket), 10)


def check_logs(logs: list[Path], typed: dict, probe: str) -> None:
    time.sleep(1)
    for log in logs:
        text = log.read_text(errors="replace") if log.exists() else ""
        found = [value for value in (*typed.values(), probe) if value in text]
        if found:
            fail(f"{log.name} holds what was typed or a query string: {found}")
    ok("no chat text, name or query string in nginx's, gunicorn's or uvicorn's logs")


async def main_async(args) -> None:
    tls = ssl.create_default_context(cafile=args.cafile)
    wss = args.https.replace("https://", "wss://", 1)
    await check_refusals(wss, args.https, tls)
    staff = staff_cookie(args.manage)
    token = secrets.token_hex(4)
    typed = {
        "name": f"Sparrow{token}",
        "first": f"Chat smoke {token}: is anyone there tonight?",
        "staff": f"Hi, this is Robin {token}, I am here.",
        "visitor": f"Thank you {token}, I want to ask about detox.",
    }
    await check_conversation(args, tls, staff, typed)
    probe = f"smoke-query-{token}"
    await check_query_strings_stay_out(wss, args.https, tls, probe)
    check_logs(args.log, typed, probe)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--https", required=True)
    parser.add_argument("--cafile", required=True)
    parser.add_argument("--manage", required=True)
    parser.add_argument("--log", type=Path, action="append", default=[])
    parser.add_argument("--fill-wait", type=float, default=3.5)
    parser.add_argument(
        "--routing-only", action="store_true", help="only the refusals (4403)"
    )
    args = parser.parse_args(argv)
    if args.routing_only:
        tls = ssl.create_default_context(cafile=args.cafile)
        wss = args.https.replace("https://", "wss://", 1)
        for _ in range(3):  # each new socket, whichever process nginx picks
            asyncio.run(check_refusals(wss, args.https, tls))
        return
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main(sys.argv[1:])
