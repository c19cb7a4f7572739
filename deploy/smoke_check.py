#!/usr/bin/env python3
"""The checks of deploy/smoke.sh: a visitor and the intake inbox, through nginx.

Standard library only. Every failure raises SystemExit with a sentence saying what
broke; each passed check prints one line.
"""

import argparse
import email
import json
import mailbox
import re
import secrets
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from pathlib import Path

YEAR = 31536000


def ok(message: str) -> None:
    print(f"smoke:   ok  {message}")


def fail(message: str) -> None:
    raise SystemExit(f"smoke: FAILED: {message}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Response:
    def __init__(self, status: int, headers, body: bytes, url: str):
        self.status, self.headers, self.body, self.url = status, headers, body, url

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Browser:
    """Cookies, the test certificate, no automatic redirects."""

    def __init__(self, cafile: str):
        context = ssl.create_default_context(cafile=cafile)
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=context),
            urllib.request.HTTPCookieProcessor(CookieJar()),
            NoRedirect(),
        )

    def request(self, url: str, data: dict | None = None, headers=None) -> Response:
        if not url.startswith(("https://", "http://")):
            fail(f"refusing to open {url!r}: not http(s)")
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers=headers or {})  # noqa: S310
        try:
            with self.opener.open(request, timeout=30) as answer:
                return Response(answer.status, answer.headers, answer.read(), url)
        except urllib.error.HTTPError as answer:
            return Response(answer.code, answer.headers, answer.read(), url)
        except OSError as error:
            fail(f"{url} did not answer: {error}")


class PageParser(HTMLParser):
    """Images, stylesheets, scripts and forms of one page."""

    def __init__(self):
        super().__init__()
        self.images: set[str] = set()
        self.assets: set[str] = set()
        self.dialog = ""  # where chat.js fetches the chat dialog from
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"img", "source"}:
            if attrs.get("src"):
                self.images.add(attrs["src"])
            for candidate in (attrs.get("srcset") or "").split(","):
                if candidate.strip():
                    self.images.add(candidate.split()[0])
        elif tag == "link" and {"stylesheet", "icon"} & set(
            (attrs.get("rel") or "").split()
        ):
            self.assets.add(attrs["href"])
        elif tag == "script":
            # The inlined site script names the scripts it loads after the paint.
            for name in ("src", "data-chat", "data-lead-form"):
                if attrs.get(name):
                    self.assets.add(attrs[name])
            self.dialog = attrs.get("data-chat-dialog") or self.dialog
        elif tag == "form":
            self._form = {
                "action": attrs.get("action", ""),
                "session": attrs.get("data-lead-session", ""),
                "fields": [],
            }
            self.forms.append(self._form)
        elif self._form is not None and tag == "input" and attrs.get("name"):
            self._form["fields"].append(attrs)
        elif self._form is not None and tag == "textarea":
            self._textarea = attrs.get("name")
            self._form["fields"].append({"name": self._textarea, "type": "textarea"})
        elif self._form is not None and tag == "select":
            self._select = attrs.get("name")
            self._form["fields"].append({"name": self._select, "type": "select"})
        elif self._select and tag == "option":
            field = self._form["fields"][-1]
            if "value" not in field or "selected" in attrs:
                field["value"] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def parse(response: Response) -> PageParser:
    parser = PageParser()
    parser.feed(response.text)
    return parser


def manage_json(manage: str, code: str):
    result = subprocess.run(  # noqa: S603
        [manage, "shell", "-c", code], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        fail(f"manage.py shell failed: {result.stderr.strip()[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


PAGES_CODE = """
import json
from articles.models import ArticlePage
from contact.models import ContactPage
from locations.models import LocationPage
from staff.models import ClinicianPage
first = lambda model: model.objects.live().order_by("path").first().get_url()
print(json.dumps({
    "article": first(ArticlePage), "clinician": first(ClinicianPage),
    "location": first(LocationPage), "contact": first(ContactPage),
}))
"""


def check_pages(browser: Browser, base: str, paths: dict) -> dict[str, PageParser]:
    parsed = {}
    for name, path in {"home": "/", **paths}.items():
        url = urllib.parse.urljoin(base, urllib.parse.urlsplit(path).path)
        response = browser.request(url)
        if response.status != 200:
            fail(f"{name} page {url} answered {response.status}, not 200")
        hsts = response.headers.get_all("Strict-Transport-Security") or []
        if len(hsts) != 1 or "max-age=" not in hsts[0]:
            fail(f"{name} page {url} should carry one HSTS header, has {hsts}")
        parsed[name] = parse(response)
        ok(f"{name} page {urllib.parse.urlsplit(url).path} 200 over HTTPS with HSTS")
    return parsed


def check_redirect(browser: Browser, http_base: str, https_base: str) -> None:
    response = browser.request(f"{http_base}/articles/?page=2")
    location = response.headers.get("Location", "")
    if response.status != 301 or location != f"{https_base}/articles/?page=2":
        fail(f"http should 301 to https, got {response.status} to {location!r}")
    probe = browser.request(f"{http_base}/.well-known/acme-challenge/probe")
    if probe.status != 200 or probe.text.strip() != "acme-smoke":
        fail(f"certbot's webroot should answer over http, got {probe.status}")
    ok("http redirects to https (certbot's webroot excepted)")


def check_images(browser: Browser, base: str, parsed: dict[str, PageParser]) -> None:
    images = {
        urllib.parse.urljoin(base, src)
        for page in parsed.values()
        for src in page.images
        if not src.startswith("data:")
    }
    if not images:
        fail("the pages reference no images at all")
    media = None
    for url in sorted(images):
        response = browser.request(url)
        if response.status != 200:
            fail(f"image {url} answered {response.status}")
        if not response.headers.get("Content-Type", "").startswith("image/"):
            fail(f"image {url} is served as {response.headers.get('Content-Type')}")
        if urllib.parse.urlsplit(url).path.startswith("/media/"):
            media = response
    ok(f"all {len(images)} images the pages reference answer 200")
    if media is None:
        fail("no image came from /media/")
    if media.headers.get("X-Content-Type-Options") != "nosniff":
        fail("media files lack X-Content-Type-Options: nosniff")
    if "sandbox" not in media.headers.get("Content-Security-Policy", ""):
        fail("media files lack the sandbox Content-Security-Policy")
    if not media.headers.get("Strict-Transport-Security"):
        fail("media files lack HSTS")
    ok("media files carry nosniff, a sandbox CSP and HSTS")


def check_media_is_inert(browser: Browser, base: str, media_root: Path) -> None:
    (media_root / "smoke-probe.html").write_text("<script>alert(1)</script>")
    (media_root / "documents").mkdir(exist_ok=True)
    (media_root / "documents" / "smoke-private.txt").write_text("private")
    html = browser.request(f"{base}/media/smoke-probe.html")
    if html.status != 200 or html.headers.get("Content-Type") != (
        "application/octet-stream"
    ):
        fail(
            f"an uploaded .html must be a download, got {html.headers['Content-Type']}"
        )
    listing = browser.request(f"{base}/media/")
    if listing.status == 200:
        fail("/media/ lists its files")
    private = browser.request(f"{base}/media/documents/smoke-private.txt")
    if private.status != 404:
        fail(
            f"documents must go through Django, /media/documents/ gave {private.status}"
        )
    ok("media: unknown types download, no listing, documents not served directly")


def check_static(browser: Browser, base: str, home: PageParser) -> None:
    assets = sorted(a for a in home.assets if a.startswith("/static/"))
    if not assets:
        fail("the home page links no static files")
    for path in assets:
        response = browser.request(
            urllib.parse.urljoin(base, path), headers={"Accept-Encoding": "gzip"}
        )
        cache = response.headers.get("Cache-Control", "")
        age = re.search(r"max-age=(\d+)", cache)
        if response.status != 200 or "immutable" not in cache or int(age[1]) < YEAR:
            fail(f"{path}: {response.status}, Cache-Control {cache!r}")
        if response.headers.get("Content-Encoding") != "gzip":
            fail(f"{path} is not sent compressed")
    ok(f"{len(assets)} static files: year-long immutable caching, gzip")
    if not home.dialog:
        fail("the home page names no chat dialog for chat.js")
    dialog = browser.request(urllib.parse.urljoin(base, home.dialog))
    cache = dialog.headers.get("Cache-Control", "")
    if (
        dialog.status != 200
        or b"<dialog" not in dialog.body
        or "immutable" not in cache
    ):
        fail(f"{home.dialog}: {dialog.status}, Cache-Control {cache!r}")
    if dialog.headers.get("Set-Cookie"):
        fail(f"{home.dialog} sets a cookie: it is the same for everyone")
    ok("the chat dialog chat.js fetches: 200, kept a year, no cookie")


def fill_inquiry(form: dict, lead: dict) -> dict:
    data, radios = {}, set()
    for field in form["fields"]:
        name, kind = field["name"], field.get("type", "text")
        short = name.split("-", 1)[-1]
        if short in lead:
            data[name] = lead[short]
        elif kind == "radio":
            if name not in radios or "checked" in field:
                data[name] = field.get("value", "")
                radios.add(name)
        elif kind == "checkbox":
            if short == "consent":
                data[name] = field.get("value", "on")
        elif kind in {"hidden", "select"}:
            data[name] = field.get("value", "")
        else:
            data[name] = ""
    return data


def post_inquiry(browser: Browser, base: str, path: str, lead: dict, wait: float):
    url = urllib.parse.urljoin(base, path)
    page = parse(browser.request(url))
    forms = [
        form
        for form in page.forms
        if any(f["name"] == "inquiry-submission_id" for f in form["fields"])
    ]
    if not forms:
        fail(f"no inquiry form on {url}")
    data = fill_inquiry(forms[0], lead)
    if data.get("csrfmiddlewaretoken"):
        fail("the inquiry form carries a CSRF token: cached HTML must carry none")
    if not forms[0]["session"]:
        fail("the inquiry form names no session endpoint for its token")
    # What static/js/lead-form.js does when the visitor starts typing.
    session = browser.request(
        urllib.parse.urljoin(url, forms[0]["session"]),
        headers={"Accept": "application/json"},
    )
    if session.status != 200:
        fail(f"the form's session endpoint answered {session.status}")
    values = json.loads(session.text)
    data["csrfmiddlewaretoken"] = values["csrfToken"]
    data["inquiry-submission_id"] = values["submissionId"]
    data["inquiry-stamp"] = values["stamp"]
    time.sleep(wait)  # the form's spam stamp has a minimum fill time
    action = urllib.parse.urljoin(url, forms[0]["action"] or url)
    headers = {"Referer": url, "Origin": base}
    for attempt in ("first", "double-click"):
        response = browser.request(action, data, headers)
        if response.status != 303:
            fail(f"{attempt} post answered {response.status}: {response.text[:300]}")
    thanks = browser.request(urllib.parse.urljoin(action, response.headers["Location"]))
    if thanks.status != 200:
        fail(f"the thank-you page answered {thanks.status}")
    ok("an inquiry posted through nginx like a browser (twice, as a double click)")


def check_stored_once(manage: str, lead: dict) -> int:
    code = (
        # The email is encrypted at rest: compare it in Python, never in SQL.
        "import json; from contact.models import Lead; "
        "rows = [{'pk': x.pk, 'is_spam': x.is_spam} for x in "
        f"Lead.objects.filter(kind='inquiry') if x.email == {lead['email']!r}]; "
        "print(json.dumps(rows))"
    )
    rows = manage_json(manage, code)
    if len(rows) != 1:
        fail(f"the inquiry should be stored exactly once, found {len(rows)}")
    if rows[0]["is_spam"]:
        fail("the inquiry was quarantined as spam")
    ok(f"stored exactly once (inquiry #{rows[0]['pk']}), not spam")
    return rows[0]["pk"]


def leaks(text: str, lead: dict) -> list[str]:
    digits = re.sub(r"\D", "", lead["phone"])
    found = [
        lead[key] for key in ("preferred_name", "email", "message") if lead[key] in text
    ]
    if digits in re.sub(r"\D", "", text):
        found.append(lead["phone"])
    return found


def check_notification(maildir: Path, lead: dict, pk: int, timeout: float) -> None:
    box = mailbox.Maildir(maildir, create=False)
    deadline = time.monotonic() + timeout
    while not len(box) and time.monotonic() < deadline:
        time.sleep(0.5)
    time.sleep(3)  # a second, duplicate mail would arrive within the worker's poll
    messages = [email.message_from_bytes(box.get_bytes(key)) for key in box.keys()]
    if len(messages) != 1:
        fail(
            f"the worker should deliver exactly one notification, sink has {len(messages)}"
        )
    message = messages[0]
    raw = message.as_string()
    if "intake@lantana.example" not in message.get("To", ""):
        fail(f"the notification went to {message.get('To')!r}")
    if f"#{pk}" not in message.get("Subject", ""):
        fail(f"the notification subject {message.get('Subject')!r} names another lead")
    if found := leaks(raw, lead):
        fail(f"the notification email contains what the visitor typed: {found}")
    ok("the worker delivered one notification, with none of the lead's details")


def check_logs(browser: Browser, base: str, lead: dict, logs: list[Path]) -> None:
    term = f"smoke-search-{secrets.token_hex(4)}"
    browser.request(f"{base}/search/?q={term}")
    time.sleep(1)
    for log in logs:
        text = log.read_text()
        if term in text:
            fail(f"{log.name} logs query strings")
        if found := leaks(text, lead):
            fail(f"{log.name} contains what the visitor typed: {found}")
    ok("no query string and no lead detail in nginx's or gunicorn's log")


UNPUBLISH_CODE = """
import json
from wagtail.models import Page
page = Page.objects.get(url_path__endswith=%r, live=True)
page.specific.unpublish()
print(json.dumps(page.pk))
"""
VARIANTS = ("", "?page=1", "?q=sleep")


def check_unpublish(browser: Browser, base: str, manage: str, path: str) -> None:
    """Withdrawn through the app, gone from every cache layer behind nginx in 2 s."""
    path = urllib.parse.urlsplit(path).path
    cached = set()
    for variant in VARIANTS:
        for _ in range(6):  # every gunicorn worker, and nginx, keep it
            response = browser.request(urllib.parse.urljoin(base, path + variant))
            if response.status != 200:
                fail(f"{path}{variant} answered {response.status} before unpublishing")
            cached.add(response.headers.get("X-Cache-Status", ""))
    if "HIT" not in cached:
        fail(f"{path} was never served from nginx's cache ({sorted(cached)})")
    manage_json(manage, UNPUBLISH_CODE % path)
    time.sleep(2)
    for variant in VARIANTS:
        for _ in range(6):
            response = browser.request(urllib.parse.urljoin(base, path + variant))
            status = response.headers.get("X-Cache-Status", "")
            if response.status != 404 or status == "STALE":
                fail(
                    f"{path}{variant} answered {response.status} ({status}) 2 s after unpublishing"
                )
    ok(
        f"an unpublished article is gone through nginx in 2 s ({len(VARIANTS)} variants)"
    )


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("https", "http", "cafile", "manage", "maildir", "media-root"):
        parser.add_argument(f"--{name}", required=True)
    parser.add_argument("--access-log", type=Path, required=True)
    parser.add_argument("--app-log", type=Path, required=True)
    parser.add_argument("--fill-wait", type=float, default=3.5)
    args = parser.parse_args(argv)

    browser = Browser(args.cafile)
    paths = manage_json(args.manage, PAGES_CODE)
    parsed = check_pages(browser, args.https, paths)
    check_redirect(browser, args.http, args.https)
    check_images(browser, args.https, parsed)
    check_media_is_inert(browser, args.https, Path(args.media_root))
    check_static(browser, args.https, parsed["home"])

    token = secrets.token_hex(4)
    lead = {
        "preferred_name": f"Wren{token}",
        "email": f"smoke-{token}@example.net",
        "phone": f"(843) 555-{secrets.randbelow(9000) + 1000}",
        "message": f"Smoke test {token}: do you run evening groups?",
    }
    post_inquiry(browser, args.https, paths["contact"], lead, args.fill_wait)
    pk = check_stored_once(args.manage, lead)
    check_notification(Path(args.maildir), lead, pk, timeout=60)
    check_logs(browser, args.https, lead, [args.access_log, args.app_log])
    # A visitor without the cookies the inquiry left (a session bypasses nginx).
    check_unpublish(Browser(args.cafile), args.https, args.manage, paths["article"])


if __name__ == "__main__":
    main(sys.argv[1:])
