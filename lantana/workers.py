"""The gunicorn worker production runs: gunicorn's sync worker on a roomy Python stack.

CPython keeps its frames on a stack made of 16 KiB chunks. A call that does not fit
in the current chunk maps a new one, and returning from it unmaps it again; a loop
that keeps calling across that boundary maps and unmaps a chunk on every call
(python/cpython#142183, fixed by keeping one spare chunk in 3.13 and 3.14 releases
of 2026, not in 3.11 or 3.12). Our templates nest deeply enough that a worker
serving an article or a location page sat on such a boundary: about 250 chunk
maps per request, each a page fault, two milliseconds of a 12 ms request
(docs/benchmarks/2026-12-05-stack-chunks.md).

`SyncWorker` runs gunicorn's whole serving loop inside one frame big enough to be
placed at the start of a fresh 512 KiB chunk, leaving some 256 KiB above it for
every request, which is far deeper than a request goes (Python's recursion limit
is reached first). That chunk is mapped once per worker and never unmapped.

It also writes out page-cache hits itself (`answer_hit`): once the page cache has
the answer, gunicorn's WSGI response (header checks and formatting per request)
cost more than finding it did. docs/benchmarks/2026-12-05-hits-in-the-worker.md.
And it closes a hit's connection at once when the client has nothing more on its
way (`close_if_nothing_unread`), rather than waiting for the client to close
first: docs/benchmarks/2026-12-05-closing-hits-and-prepared-sql.md.
"""

import functools
import socket
import time
from datetime import datetime

from gunicorn import util
from gunicorn.http import wsgi
from gunicorn.workers.sync import SyncWorker as GunicornSyncWorker

# Local variables of `roomy`: 8 bytes each, so its frame is a little over 256 KiB
# and CPython gives it a chunk of its own, the next size up (512 KiB).
ROOMY_SLOTS = 1 << 15


def roomy(call):
    """Call `call()` from a frame at the start of a stack chunk of its own."""
    return call()


# The frame's size is its code's number of locals (plus its evaluation stack); the
# extra names are never read or written, but a frame holds room for each.
roomy.__code__ = roomy.__code__.replace(
    co_varnames=roomy.__code__.co_varnames
    + tuple(f"_unused{number}" for number in range(ROOMY_SLOTS)),
    co_nlocals=roomy.__code__.co_nlocals + ROOMY_SLOTS,
)


class SyncWorker(GunicornSyncWorker):
    """gunicorn's sync worker, serving every request above one roomy frame."""

    def run(self):
        return roomy(super().run)

    def handle_request(self, listener, req, client, addr):
        if not self.answer_hit(listener, req, client, addr):
            super().handle_request(listener, req, client, addr)

    def answer_hit(self, listener, req, client, addr) -> bool:
        """Write out a page-cache hit whole, byte for byte as gunicorn would.

        The application's `final_answer(environ)` (lantana/wsgi.py) gives the
        page cache's stored final answer for a GET, or None, and then gunicorn
        serves the request as ever: it builds the environ again and the handler
        looks again (at most one Redis round trip, beside a page being drawn).
        The lines written are gunicorn's own (status, Server, Date, Connection:
        close, then the answer's headers less any hop-by-hop one), and the hooks
        and the access log run as for any request. Left to gunicorn: anything but
        a GET, a request expecting 100-continue (gunicorn answers that while
        building the environ), TLS ended by gunicorn itself (never in deploy/),
        and an answer without a Content-Length.
        """
        final_answer = getattr(self.wsgi, "final_answer", None)
        if (
            final_answer is None
            or req.method != "GET"
            or self.cfg.protocol != "http"
            or self.cfg.is_ssl  # an SSL socket has no gathered writes nor peeking
            or any(name == "EXPECT" for name, _value in req.headers)
        ):
            return False
        start = datetime.now()
        resp, environ = wsgi.create(req, client, addr, listener.getsockname(), self.cfg)
        found = final_answer(environ)
        if found is None:
            return False
        status, headers, content = found
        block = _header_blocks.block(headers, len(content))
        if block is None:
            return False
        self.cfg.pre_request(self, req)
        resp.status, resp.headers, resp.headers_sent = status, headers, True
        self.nr += 1
        if self.nr >= self.max_requests:
            self.log.info("Autorestarting worker after current request.")
            self.alive = False
        try:
            status_line = _status_line(req.version, status, resp.version)
            send_all(client, [status_line, _date.line(), block, content])
            resp.sent = len(content)
            close_if_nothing_unread(client)
        finally:
            self.log.access(resp, req, environ, datetime.now() - start)
            try:
                self.cfg.post_request(self, req, environ, resp)
            except Exception:
                self.log.exception("Exception in post_request hook")
        return True


def close_if_nothing_unread(sock) -> bool:
    """Close a connection whose answer is written whole, unless the client may
    still be sending; True if closed.

    The answer said `Connection: close`. gunicorn then half-closes and waits for
    the client to close its side (up to two seconds), so that a request the
    client sent before it read the answer cannot meet a closed socket, whose
    reset could destroy the answer in the client's buffers (RFC 9112, 9.6). That
    wait keeps the worker from its next connection until the client has read
    the whole answer. As nginx does by default (`lingering_close on`), it is
    skipped when nothing unread is waiting: a hit is a GET whose head has been
    read, and a client that reads an answer saying `close` sends nothing after
    it (nginx in front never does). Anything still waiting, or an error, leaves
    the socket to gunicorn's lingering close.
    """
    try:
        if sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT):
            return False  # more from the client: linger, as gunicorn does
    except BlockingIOError:
        pass  # nothing waiting
    except OSError:
        return False
    # gunicorn's close_graceful, which follows, finds the socket closed and stops.
    sock.close()
    return True


def send_all(sock, parts: list[bytes]) -> None:
    """Send every part, in order, gathered into as few writes as the kernel takes."""
    views = [memoryview(part) for part in parts if part]
    while views:
        sent = sock.sendmsg(views)
        while views and sent >= len(views[0]):
            sent -= len(views.pop(0))
        if views and sent:
            views[0] = views[0][sent:]


@functools.lru_cache(maxsize=64)
def _status_line(version: tuple, status: str, server: str) -> bytes:
    major, minor = version
    return f"HTTP/{major}.{minor} {status}\r\nServer: {server}\r\n".encode("latin-1")


class DateLine:
    """The Date header line, formatted once a second rather than once a request."""

    def __init__(self):
        self.second = None
        self.value = b""

    def line(self) -> bytes:
        now = int(time.time())
        if now != self.second:
            self.value = f"Date: {util.http_date(now)}\r\n".encode("latin-1")
            self.second = now
        return self.value


class HeaderBlocks:
    """Each stored answer's header lines, serialised the first time it is served.

    The page cache hands back the same answer, headers list and all, for every
    hit on a page it keeps in memory (lantana/pagecache/local.py), so a block is
    found by that list's identity; an entry holds the list itself, so its
    identity cannot pass to another object while kept. Answers read from Redis
    are new objects each time: they are formatted each time, as gunicorn does.
    """

    LIMIT = 512

    def __init__(self):
        self.blocks: dict[int, tuple[list, bytes, int | None]] = {}

    def block(self, headers: list, length: int) -> bytes | None:
        """The lines after Date, blank line included; None unless they declare
        this Content-Length (gunicorn would frame the body some other way)."""
        kept = self.blocks.get(id(headers))
        if kept is None or kept[0] is not headers:
            if len(self.blocks) >= self.LIMIT:
                self.blocks.clear()
            kept = self.blocks[id(headers)] = (headers, *self.format(headers))
        _headers, block, declared = kept
        return block if declared == length else None

    @staticmethod
    def format(headers: list) -> tuple[bytes, int | None]:
        lines, declared = ["Connection: close\r\n"], None
        for name, value in headers:
            if util.is_hoppish(name):
                continue  # gunicorn drops them too
            value = value.strip(" \t")
            if name.lower() == "content-length":
                declared = int(value) if value.isdigit() else -1
            lines.append(f"{name}: {value}\r\n")
        lines.append("\r\n")
        return "".join(lines).encode("latin-1"), declared


_date = DateLine()
_header_blocks = HeaderBlocks()
