"""Playwright + Debian's Chromium against pytest-django's live_server, with axe."""

import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push({directive: event.violatedDirective,
        blocked: event.blockedURI, source: event.sourceFile + ":" + event.lineNumber});
});
"""
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
WIDTHS = {"phone": 390, "desktop": 1280}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    browser = [item for item in items if "tests/browser/" in str(item.fspath)]
    for item in browser:
        item.add_marker(pytest.mark.browser)
    # Last, after pytest-django's own ordering: Playwright's sync API keeps an event
    # loop running in the main thread for the rest of the session, and async_to_sync
    # (the Channels communicator tests) refuses to run beside it.
    others = [item for item in items if "tests/browser/" not in str(item.fspath)]
    items[:] = others + browser


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Fail loudly rather than skip: CI must never pass without the browser tests.
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def axe():
    return Axe()


class RequestsInFlight:
    """Wraps the live server's WSGI application to count the requests it is
    serving: a test's database flush waits for the last one (the page editor's
    ping or release beacon), whose table lock on SQLite's shared in-memory test
    database would otherwise fail the flush."""

    def __init__(self, application):
        self.application = application
        self.count = 0
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            self.count += 1
        try:
            return self.application(environ, start_response)
        finally:
            with self.lock:
                self.count -= 1

    def wait(self, timeout: float = 10):
        deadline = time.monotonic() + timeout
        while self.count and time.monotonic() < deadline:
            time.sleep(0.05)


@pytest.fixture(scope="session")
def requests_in_flight(live_server):
    server = live_server.thread.httpd
    counter = RequestsInFlight(server.get_app())
    server.set_app(counter)
    return counter


@pytest.fixture
def live_site(
    transactional_db,
    django_db_serialized_rollback,
    live_server,
    requests_in_flight,
    context,
    settings,
):
    """live_server, answering any host. The database starts as migrations left it
    (the tree's root, content types under their ids, groups): serialized_rollback
    restores it after an earlier transactional test emptied it. Before the test's
    flush, the browser closes and the server finishes what it was serving."""
    settings.ALLOWED_HOSTS = ["*"]
    yield live_server
    context.close()
    requests_in_flight.wait()


class PageChecker:
    """Opens pages, records every request, runs axe and saves screenshots."""

    def __init__(self, page, live_server, axe):
        self.page = page
        self.base = live_server.url
        self.axe = axe
        self.requests: list[str] = []
        self.csp_messages: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        # Chromium reports each blocked resource, inline script or style both as a
        # securitypolicyviolation event and on the console.
        page.add_init_script(CSP_LISTENER)
        page.on(
            "console",
            lambda message: (
                self.csp_messages.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )

    def goto(self, path: str, width: str = "phone"):
        self.page.set_viewport_size(
            {"width": WIDTHS[width], "height": 844 if width == "phone" else 900}
        )
        response = self.page.goto(self.base + path)
        if not path.startswith("/admin/"):
            # Public pages load their scripts after the first paint (site.js).
            self.page.wait_for_selector("html[data-enhanced]", state="attached")
        return response

    def settle(self):
        """Let fades and slide-ins finish: axe measures colours mid-animation.

        Endless animations (spinners) never finish, so this waits two seconds at most.
        """
        try:
            self.page.wait_for_function(
                # A function, not an expression: Playwright evaluates expressions
                # with eval(), which the admin's CSP rightly refuses.
                """() => document.getAnimations().every((a) => a.playState !== 'running'
                    || a.effect.getComputedTiming().endTime === Infinity)""",
                timeout=2000,
            )
        except PlaywrightTimeoutError:
            pass

    def assert_no_axe_violations(self, context: str = ""):
        self.settle()
        results = self.axe.run(self.page)
        violations = results.response["violations"]
        summary = [
            f"{v['id']}: {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
            for v in violations
        ]
        assert violations == [], f"axe violations {context}: {summary}"

    def screenshot(self, name: str):
        """A full-page picture, after scrolling so lazy images have loaded."""
        SCREENSHOTS.mkdir(exist_ok=True)
        self.page.evaluate(
            """async () => {
                for (let y = 0; y < document.body.scrollHeight; y += 600) {
                    window.scrollTo(0, y);
                    await new Promise((resolve) => setTimeout(resolve, 30));
                }
                window.scrollTo(0, 0);
                // Hidden lazy images never load: wait for the others, two seconds at most.
                const loads = [...document.images].map((img) => img.complete
                    ? null : new Promise((resolve) => { img.onload = img.onerror = resolve; }));
                await Promise.race([
                    Promise.all(loads),
                    new Promise((resolve) => setTimeout(resolve, 2000)),
                ]);
            }"""
        )
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    def csp_violations(self) -> list[str]:
        events = self.page.evaluate("window.__cspViolations || []")
        return self.csp_messages + [
            f"{e['directive']} blocked {e['blocked']} ({e['source']})" for e in events
        ]

    def assert_no_csp_violations(self, context: str = ""):
        violations = self.csp_violations()
        assert violations == [], f"CSP violations {context}: {violations}"

    def assert_same_origin_only(self):
        foreign = [
            url
            for url in self.requests
            if not url.startswith((self.base, "blob:" + self.base, "data:"))
        ]
        assert foreign == [], f"requests to another origin: {foreign}"

    def check(self, path: str, name: str, status: int = 200):
        """Both widths: status, axe, screenshots, same-origin requests."""
        for width in WIDTHS:
            response = self.goto(path, width)
            assert response.status == status, f"{path} at {width}: {response.status}"
            self.assert_no_axe_violations(f"{path} at {width}")
            self.assert_no_csp_violations(f"{path} at {width}")
            self.screenshot(f"{name}-{width}")
        self.assert_same_origin_only()


@pytest.fixture
def checker(page, live_site, axe):
    return PageChecker(page, live_site, axe)


def assert_admin_accessible(checker, context):
    """axe on an admin page, less one issue in Wagtail's own markup: its
    "There is 1 match" heading carries role="alert" (minor, best practice)."""
    checker.settle()
    violations = [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in checker.axe.run(checker.page).response["violations"]
        if violation["id"] != "aria-allowed-role"
        or any(node["target"] != ['h2[role="alert"]'] for node in violation["nodes"])
    ]
    assert violations == [], f"axe violations on the {context}: {violations}"
