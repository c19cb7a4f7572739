"""--fetch-media against a local HTTP server standing in for the old site."""

import io
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from wordpress.media import FetchPolicy, MediaFetcher

from .exports import attachment, export, item, write

pytestmark = pytest.mark.django_db


def picture(fmt="JPEG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (200, 120, 60)).save(buffer, fmt)
    return buffer.getvalue()


class OldSite(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}

    def log_message(self, *args):  # keep the test output clean
        pass

    def send(self, code, body=b"", content_type="image/jpeg", length=None):
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 (the standard library's name)
        name = self.path.rsplit("/", 1)[-1]
        OldSite.hits[name] = OldSite.hits.get(name, 0) + 1
        if name == "garden.jpg":
            self.send(200, picture())
        elif name == "real-png.jpg":
            self.send(200, picture("PNG"), "image/png")
        elif name == "guide.pdf":
            self.send(200, b"%PDF-1.4\n%%EOF\n", "application/pdf")
        elif name == "slow.jpg":
            time.sleep(1.5)
            self.send(200, picture())
        elif name == "page.jpg":
            self.send(200, b"<html>Not found, but 200</html>", "text/html")
        elif name == "fake.jpg":
            self.send(200, b"<html>pretending</html>", "image/jpeg")
        elif name == "huge.jpg":
            self.send(200, b"\xff" * 1024, length=1024**3)  # claims 1 GB
        elif name == "endless.jpg":
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.end_headers()
            try:
                for _ in range(4096):  # 4 MB without a length, over the 1 MB limit
                    self.wfile.write(b"\xff" * 1024)
            except OSError:
                pass
        elif name == "away.jpg":
            self.send_response(302)
            self.send_header("Location", "http://elsewhere.example/garden.jpg")
            self.end_headers()
        else:
            self.send(404, b"missing", "text/html")


@pytest.fixture
def old_site():
    OldSite.hits = {}
    server = ThreadingHTTPServer(("127.0.0.1", 0), OldSite)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


FILES = [
    "garden.jpg",
    "real-png.jpg",
    "missing.jpg",
    "slow.jpg",
    "page.jpg",
    "fake.jpg",
    "huge.jpg",
    "endless.jpg",
    "away.jpg",
]


def the_export(base: str) -> str:
    uploads = f"{base}/wp-content/uploads/2024/01"
    attachments = [
        attachment(100 + n, f"{uploads}/{name}", parent="1", title=name)
        for n, name in enumerate(FILES)
    ]
    attachments.append(
        attachment(200, f"{uploads}/guide.pdf", parent="1", title="Guide")
    )
    body = "<p>A post with pictures from the old site.</p>[gallery]"
    return export(
        item(1, "Pictures", body, link=f"{base}/pictures/"), *attachments, link=base
    )


def run(tmp_path, base, *extra) -> str:
    out = io.StringIO()
    path = write(tmp_path, the_export(base))
    call_command(
        "import_wordpress",
        str(path),
        "--fetch-media",
        "--allow-private-host",
        "127.0.0.1",
        "--max-media-mb",
        "1",
        "--media-timeout",
        "0.5",
        "--media-retries",
        "1",
        *extra,
        stdout=out,
    )
    return out.getvalue()


def test_media_come_from_the_old_site_and_bad_files_are_refused_one_by_one(
    article_index, tmp_path, old_site
):
    output = run(tmp_path, old_site)
    images = {image.title: image for image in get_image_model().objects.all()}
    assert set(images) == {"garden.jpg", "real-png.jpg"}
    assert images["real-png.jpg"].file.name.endswith(".png")  # its real format
    assert get_document_model().objects.get().title == "Guide"
    for name, reason in {
        "missing.jpg": "answered 404",
        "slow.jpg": "could not be fetched",
        "page.jpg": "labelled text/html, not an image",
        "fake.jpg": "not a readable image",
        "huge.jpg": "over the 1 MB limit",
        "endless.jpg": "over the 1 MB limit",
        "away.jpg": "redirects to elsewhere.example",
    }.items():
        line = next((ln for ln in output.splitlines() if name in ln), "")
        assert reason in line, (name, line)
    assert OldSite.hits["slow.jpg"] == 2  # one retry after the timeout
    assert OldSite.hits["missing.jpg"] == 1  # a 404 is not retried

    # A second run fetches nothing it already imported.
    before = dict(OldSite.hits)
    second = run(tmp_path, old_site)
    assert OldSite.hits["garden.jpg"] == before["garden.jpg"]
    assert OldSite.hits["guide.pdf"] == before["guide.pdf"]
    assert "images      2 unchanged, 7 skipped" in second
    assert "documents   1 unchanged" in second


def test_a_private_address_is_refused_unless_allowed(tmp_path, old_site):
    fetcher = MediaFetcher(FetchPolicy(hosts={"127.0.0.1"}, allowed_private=set()))
    try:
        result = fetcher.fetch(f"{old_site}/garden.jpg", "image")
    finally:
        fetcher.close()
    assert result.path is None and "private address" in result.problem
    assert "garden.jpg" not in OldSite.hits  # refused before connecting


def test_only_the_old_sites_hosts_are_fetched_from(old_site):
    fetcher = MediaFetcher(FetchPolicy(hosts={"blog.example"}, allowed_private=set()))
    try:
        result = fetcher.fetch(f"{old_site}/garden.jpg", "image")
    finally:
        fetcher.close()
    assert "not one of the old site's hosts" in result.problem
