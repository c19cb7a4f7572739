"""Page-cache hits written out by the production worker itself (lantana/workers.py).

Each request is served by a real gunicorn worker object over a socket pair, once
by ours and once by gunicorn's own sync worker, with the same application: a hit
must leave ours exactly as gunicorn would have written it, apart from the clock.
"""

import re
import socket

import pytest
from gunicorn import http, util
from gunicorn.config import Config
from gunicorn.workers.sync import SyncWorker as GunicornSyncWorker

from lantana import workers
from lantana.pagecache.handler import PageCacheWSGIHandler
from lantana.workers import (
    DateLine,
    HeaderBlocks,
    SyncWorker,
    close_if_nothing_unread,
    send_all,
)

DATE = re.compile(rb"\r\nDate: [^\r]+\r\n")


class Listener:
    def getsockname(self):
        return ("127.0.0.1", 8000)


class Application:
    """The site's WSGI application, counting what reached its WSGI entrance."""

    def __init__(self):
        self.handler = PageCacheWSGIHandler()
        self.final_answer = self.handler.final_answer
        self.called = 0

    def __call__(self, environ, start_response):
        self.called += 1
        return self.handler(environ, start_response)


class Log:
    """gunicorn's logger, as far as a worker uses it, keeping the access records."""

    def __init__(self):
        self.accesses = []

    def access(self, resp, req, environ, request_time):
        self.accesses.append((resp.status, resp.sent, environ["PATH_INFO"]))

    def debug(self, *args, **kwargs):
        pass

    info = warning = error = exception = debug


def worker_of(cls, application, **settings):
    worker = cls.__new__(cls)  # no arbiter, no sockets: only what handle() reads
    worker.cfg = Config()
    for name, value in settings.items():
        worker.cfg.set(name, value)
    worker.log = Log()
    worker.wsgi = application
    worker.nr = 0
    worker.max_requests = 1000
    worker.alive = True
    return worker


def exchange(worker, raw: bytes) -> bytes:
    server, client = socket.socketpair()
    with server, client:
        client.sendall(raw)
        client.shutdown(socket.SHUT_WR)
        worker.handle(Listener(), server, ("127.0.0.1", 40000))
        answer = b""
        while chunk := client.recv(1 << 16):
            answer += chunk
    return answer


def get(path="/", version="1.1", headers=(), host="testserver") -> bytes:
    lines = [f"GET {path} HTTP/{version}", f"Host: {host}", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


@pytest.fixture
def served(wsgi):
    """Ours and gunicorn's worker over one application (`wsgi` keeps the test's
    database transaction open through the handler's request signals)."""
    application = Application()
    return (
        application,
        worker_of(SyncWorker, application),
        worker_of(GunicornSyncWorker, application),
    )


@pytest.mark.parametrize("version", ["1.1", "1.0"])
def test_a_hit_is_written_byte_for_byte_as_gunicorn_writes_it(served, home, version):
    application, ours, theirs = served
    first = exchange(ours, get(version=version))
    assert b"X-Page-Cache: miss" in first and application.called == 1
    by_gunicorn = exchange(theirs, get(version=version))
    assert application.called == 2
    by_us = exchange(ours, get(version=version))
    assert application.called == 2, "the hit reached the WSGI application"
    assert by_us.startswith(f"HTTP/{version} 200 OK\r\n".encode())
    assert b"X-Page-Cache: hit" in by_us
    assert DATE.sub(b"\r\nDate: -\r\n", by_us) == DATE.sub(
        b"\r\nDate: -\r\n", by_gunicorn
    )


def test_the_same_answer_served_again_is_the_same(served, home):
    _application, ours, _theirs = served
    exchange(ours, get())
    answers = {DATE.sub(b"", exchange(ours, get())) for _ in range(3)}
    assert len(answers) == 1


@pytest.mark.parametrize(
    "raw",
    [
        b"HEAD / HTTP/1.1\r\nHost: testserver\r\n\r\n",
        get(headers=["Expect: 100-continue"]),
        get(headers=["Cookie: sessionid=someone"]),
        get(host="elsewhere.example"),
    ],
    ids=["head", "expect-continue", "session", "other-host"],
)
def test_anything_the_cache_must_not_answer_goes_to_gunicorn(served, home, raw):
    application, ours, _theirs = served
    exchange(ours, get())
    exchange(ours, get())  # kept, and answered by the worker
    called = application.called
    exchange(ours, raw)
    assert application.called == called + 1


def test_a_post_goes_to_gunicorn(served, contact_page):
    application, ours, _theirs = served
    exchange(ours, get(contact_page.url))
    raw = (
        f"POST {contact_page.url} HTTP/1.1\r\nHost: testserver\r\n"
        "Content-Length: 0\r\n\r\n"
    ).encode()
    called = application.called
    exchange(ours, raw)
    assert application.called == called + 1


def test_the_access_log_and_the_hooks_see_a_hit_as_gunicorn_would(served, home):
    application, _ours, theirs = served
    seen = []
    ours = worker_of(
        SyncWorker,
        application,
        pre_request=lambda worker, req: seen.append(("pre", req.path)),
        post_request=lambda worker, req, environ, resp: seen.append(
            ("post", resp.status, resp.sent)
        ),
    )
    exchange(ours, get())
    exchange(theirs, get())
    seen.clear()
    exchange(ours, get())
    assert ours.log.accesses[-1] == theirs.log.accesses[-1]
    status, sent, _path = ours.log.accesses[-1]
    assert seen == [("pre", "/"), ("post", status, sent)]


def test_hits_count_towards_max_requests(served, home):
    _application, ours, _theirs = served
    ours.max_requests = 3
    exchange(ours, get())
    exchange(ours, get())
    assert ours.alive
    exchange(ours, get())  # a hit, the third request
    assert not ours.alive


def test_without_a_page_cache_the_application_answers_everything(
    served, home, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    application, ours, _theirs = served
    for _ in range(3):
        assert exchange(ours, get()).startswith(b"HTTP/1.1 200 OK")
    assert application.called == 3


def test_an_application_without_final_answers_is_served_as_ever(home, wsgi):
    ours = worker_of(SyncWorker, PageCacheWSGIHandler().__call__)
    for _ in range(2):
        assert exchange(ours, get()).startswith(b"HTTP/1.1 200 OK")


def test_tls_ended_by_gunicorn_is_left_to_gunicorn(served, home):
    application, _ours, _theirs = served
    ours = worker_of(SyncWorker, application, certfile="cert.pem", keyfile="key.pem")
    server, client = socket.socketpair()
    with server, client:
        client.sendall(get())
        request = next(http.get_parser(ours.cfg, server, ("127.0.0.1", 40000)))
        assert not ours.answer_hit(Listener(), request, server, ("127.0.0.1", 40000))
    assert application.called == 0


# -- closing --------------------------------------------------------------------------


def connected_pair(kind):
    """Server and client ends of one connection: a Unix socket pair (nginx in
    front, production) or TCP on loopback."""
    if kind == "unix":
        return socket.socketpair()
    with socket.create_server(("127.0.0.1", 0)) as listening:
        client = socket.create_connection(listening.getsockname())
        server, _addr = listening.accept()
    return server, client


@pytest.fixture
def closings(monkeypatch):
    """Whether each connection was still open when gunicorn's lingering close got it."""
    seen = []
    linger = util.close_graceful

    def close_graceful(sock, *args, **kwargs):
        seen.append("lingered" if sock.fileno() != -1 else "closed at once")
        return linger(sock, timeout=0.2)

    monkeypatch.setattr(util, "close_graceful", close_graceful)
    return seen


@pytest.mark.parametrize("kind", ["unix", "tcp"])
def test_a_hit_closes_at_once_without_waiting_for_the_client(
    served, home, closings, kind
):
    _application, ours, _theirs = served
    exchange(ours, get())
    server, client = connected_pair(kind)
    with server, client:
        client.sendall(get())  # and keeps its side open, as nginx and wrk do
        ours.handle(Listener(), server, ("127.0.0.1", 40000))
        answer = b""
        while chunk := client.recv(1 << 16):
            answer += chunk
    assert closings[-1] == "closed at once"
    head, _, body = answer.partition(b"\r\n\r\n")
    assert b"X-Page-Cache: hit" in head
    length = re.search(rb"Content-Length: (\d+)", head)[1]
    assert len(body) == int(length)


@pytest.mark.parametrize("kind", ["unix", "tcp"])
def test_a_hit_lingers_when_the_client_sent_more(served, home, closings, kind):
    application, ours, _theirs = served
    exchange(ours, get())
    server, client = connected_pair(kind)
    find = application.final_answer

    def final_answer(environ):  # the client sends on while the worker looks
        client.sendall(get())
        return find(environ)

    application.final_answer = final_answer
    with server, client:
        client.sendall(get())
        ours.handle(Listener(), server, ("127.0.0.1", 40000))
        answer = client.recv(1 << 20)
    assert closings[-1] == "lingered"
    assert b"X-Page-Cache: hit" in answer


def test_a_miss_is_closed_by_gunicorn_as_ever(served, home, closings):
    _application, ours, _theirs = served
    exchange(ours, get())
    assert closings == ["lingered"]


def test_closing_leaves_a_socket_with_data_waiting_or_in_error_alone():
    server, client = socket.socketpair()
    with server, client:
        client.sendall(b"more")
        assert not close_if_nothing_unread(server)
        assert server.fileno() != -1
        assert server.recv(4) == b"more"  # only peeked at
    server.close()
    assert not close_if_nothing_unread(server)  # closed already: an error


# -- the pieces ------------------------------------------------------------------------


def test_header_blocks_drop_hop_by_hop_headers_and_need_the_length():
    headers = [
        ("Content-Type", "text/html"),
        ("Connection", "keep-alive"),
        ("Content-Length", "5"),
        ("X-Note", " padded\t"),
    ]
    blocks = HeaderBlocks()
    block = blocks.block(headers, 5)
    assert block == (
        b"Connection: close\r\nContent-Type: text/html\r\nContent-Length: 5\r\n"
        b"X-Note: padded\r\n\r\n"
    )
    assert blocks.block(headers, 5) is block  # formatted once per answer
    assert blocks.block(headers, 6) is None  # a length that is not the body's
    assert blocks.block([("Content-Type", "text/html")], 5) is None


def test_header_blocks_are_known_by_the_answer_itself_and_bounded(monkeypatch):
    monkeypatch.setattr(HeaderBlocks, "LIMIT", 4)
    blocks = HeaderBlocks()
    kept = []
    for n in range(10):
        headers = [("Content-Length", "1"), ("X-N", str(n))]
        kept.append(headers)  # alive, so no two share an identity
        assert f"X-N: {n}".encode() in blocks.block(headers, 1)
        assert len(blocks.blocks) <= 4


def test_the_date_line_is_gunicorns_and_changes_with_the_second(monkeypatch):
    now = [1_700_000_000.2]
    monkeypatch.setattr(workers.time, "time", lambda: now[0])
    line = DateLine()
    first = line.line()
    assert first == b"Date: Tue, 14 Nov 2023 22:13:20 GMT\r\n"
    now[0] += 0.5
    assert line.line() is first
    now[0] += 1
    assert line.line() == b"Date: Tue, 14 Nov 2023 22:13:21 GMT\r\n"


def test_send_all_finishes_partial_sends_in_order():
    class Trickle:
        def __init__(self):
            self.sent = b""

        def sendmsg(self, buffers):
            data = b"".join(bytes(buffer) for buffer in buffers)[:7]
            self.sent += data
            return len(data)

    sock = Trickle()
    parts = [b"HTTP/1.1 200 OK\r\n", b"", b"Date: x\r\n", b"body" * 20]
    send_all(sock, parts)
    assert sock.sent == b"".join(parts)
