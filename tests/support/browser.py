"""Browser test helpers: Chromium's flags, the page checker (both widths, axe, CSP,
screenshots, same-origin requests), the form filler and the staff used by the lead
desk's browser tests."""

import os
import threading
import time
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from contact.permissions import get_lead_reviewers_group
from lantana.core.models import User
from tests.support.auth import sign_in_browser

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


def fill_lead_form(page, scope: str, prefix: str, name: str):
    form = page.locator(scope)
    if prefix == "chat":  # the callback: a first name, a phone, then "Add details"
        form.get_by_label("First name").fill(name)
        form.get_by_label("Phone number").fill("843 555 0123")
        form.locator(".lead-form__details summary").click()
    else:
        form.get_by_label("What should we call you?").fill(name)
        form.get_by_label("Phone number").fill("843 555 0123")
    form.get_by_label("It is safe to leave a voicemail").check()
    form.locator(f"#id_{prefix}-consent").check()


STAFF_PASSWORD = "a-long-test-password"  # noqa: S105


def make_people():
    """An intake reviewer (`intake`) and an editor who sees no leads (`editor`)."""
    reviewer = User.objects.create_user(
        "intake", "intake@lantana.example", STAFF_PASSWORD, first_name="Ida"
    )
    reviewer.groups.add(get_lead_reviewers_group())
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor = User.objects.create_user(
        "editor", "editor@lantana.example", STAFF_PASSWORD
    )
    editor.groups.add(editors)


def log_in(checker, username):
    sign_in_browser(checker, username, STAFF_PASSWORD)
