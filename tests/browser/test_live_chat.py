"""Live chat in Chromium (issue 14): a visitor on a phone and an intake user at
1280 px talk through the real ASGI application (uvicorn in a thread), as in
production: pages, /chat/live/ and both WebSockets from one origin."""

import asyncio
import re
import socket
import threading
import time
from datetime import timedelta
from types import SimpleNamespace

import pytest
import uvicorn
from django.db import connections
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from contact.chat import services
from contact.chat.models import CannedReply, ChatAvailability, ChatConversation
from contact.models import Lead
from contact.permissions import get_lead_reviewers_group
from demo.factories.core import ensure_root, make_site_root
from demo.factories.home import HomePageFactory
from lantana.core.models import SiteSettings, User
from tests.support.auth import sign_in_browser
from tests.support.browser import SCREENSHOTS, PageChecker, assert_admin_accessible
from tests.support.chat import sends_from_any_thread, start

PASSWORD = "a-long-test-password"  # noqa: S105
PORTS = range(8200, 8300)  # this branch's range on the shared machine
WAIT = 15_000  # ms: a generous ceiling for anything to arrive, never a measure


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8200-8299")


class LoopKeepingServer(uvicorn.Server):
    """uvicorn's server, keeping the event loop it serves from."""

    loop = None

    async def serve(self, sockets=None):
        self.loop = asyncio.get_running_loop()
        await super().serve(sockets)


class AsgiServer:
    """lantana.asgi.application under uvicorn in a thread, with test settings."""

    def __init__(self, port: int | None = None):
        from lantana.asgi import application

        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            application,
            host="127.0.0.1",
            port=self.port,
            lifespan="off",
            log_level="warning",
        )
        self.server = LoopKeepingServer(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self):
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    @property
    def loop(self):
        return self.server.loop

    def stop(self):
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def asgi_site(transactional_db, django_db_serialized_rollback, settings, monkeypatch):
    """The site tree, then uvicorn serving it; stopped before the flush. What the
    test's own changes send to the sockets goes through the server's loop."""
    settings.ALLOWED_HOSTS = ["*"]
    settings.LEAD_MIN_FILL_SECONDS = 0  # Playwright types faster than any person
    site = make_site_root(HomePageFactory(parent=ensure_root()))
    clinic = SiteSettings.for_site(site)
    clinic.phone = "(843) 555-0134"
    clinic.save()
    server = AsgiServer()
    settings.CHAT_ALLOWED_ORIGINS = [server.url]  # the sockets' Origin check
    holder = SimpleNamespace(server=server.start())
    holder.url = holder.server.url
    monkeypatch.setattr(
        services, "async_to_sync", sends_from_any_thread(lambda: holder.server.loop)
    )
    yield holder
    holder.server.stop()
    # The server's threads kept their own connections; PostgreSQL cannot flush or
    # drop the test database under them.
    from asgiref.sync import SyncToAsync

    executor = getattr(SyncToAsync, "single_thread_executor", None)
    if executor is not None:
        executor.submit(connections.close_all).result(timeout=10)


@pytest.fixture
def people(asgi_site):
    intake = User.objects.create_user(
        "intake",
        "intake@lantana.example",
        PASSWORD,
        first_name="Ida",
        last_name="Pierce",
    )
    intake.groups.add(get_lead_reviewers_group())
    colleague = User.objects.create_user(
        "dana", "dana@lantana.example", PASSWORD, first_name="Dana", last_name="Reyes"
    )
    colleague.groups.add(get_lead_reviewers_group())
    CannedReply.objects.create(
        title="Welcome", text="Thank you for reaching out. I am here with you."
    )
    return SimpleNamespace(intake=intake, colleague=colleague)


@pytest.fixture
def visitor(browser, asgi_site, axe):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    yield PageChecker(context.new_page(), asgi_site, axe)
    context.close()


@pytest.fixture
def staff_page(browser, asgi_site, axe):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield PageChecker(context.new_page(), asgi_site, axe)
    context.close()


def conversation_of(name: str) -> ChatConversation:
    """The chat of the visitor called `name` (names are encrypted: compared here)."""
    [conversation] = [
        c
        for c in ChatConversation.objects.select_related("lead")
        if c.lead.preferred_name == name
    ]
    return conversation


def shot(checker, name):
    """What the visitor sees: the dialog fills a phone, so the viewport, not the page."""
    SCREENSHOTS.mkdir(exist_ok=True)
    checker.settle()
    checker.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def open_dialog(visitor):
    page = visitor.page
    visitor.goto("/", "phone")
    page.locator(".action-bar__chat").click()
    page.locator("dialog[data-chat-dialog]").wait_for(state="visible")
    return page.locator("dialog[data-chat-dialog]")


def start_chat(dialog, name="Sam", text="Hi, I am worried about my drinking."):
    form = dialog.locator("[data-live-start]")
    form.get_by_label("What should we call you?").fill(name)
    form.get_by_label("What would you like to talk about?").fill(text)
    form.locator("#id_live-consent").check()
    form.get_by_role("button", name="Start the chat").click()
    dialog.locator("[data-live-conversation]").wait_for(state="visible")


def go_available(staff_page):
    page = staff_page.page
    sign_in_browser(staff_page, "intake", PASSWORD)
    staff_page.goto("/admin/chats/", "desktop")
    expect(page.locator("[data-panel-connection]")).to_have_text(
        "Connected.", timeout=WAIT
    )
    page.get_by_label("I'm taking chats").check()
    # That click is the gesture browsers need before the alert tone may sound.
    expect(page.locator("[data-live-panel]")).to_have_attribute("data-sound", "running")
    expect(page.locator("[data-panel-colleagues] option")).to_have_count(
        2, timeout=WAIT
    )
    # The list above may come from the answer to the socket's first frame (not
    # taking chats): only the stored switch lets a visitor start a chat.
    deadline = time.monotonic() + WAIT / 1000
    while not ChatAvailability.objects.filter(
        user__username="intake", is_available=True
    ).exists():
        assert time.monotonic() < deadline, "the server never had intake available"
        page.wait_for_timeout(100)


def test_a_visitor_and_intake_chat_both_ways(people, visitor, staff_page):
    spage, vpage = staff_page.page, visitor.page

    # 1. Intake opens the panel and takes chats.
    go_available(staff_page)
    assert_admin_accessible(staff_page, "live panel, empty")
    staff_page.screenshot("live-panel-empty-desktop")

    # 2. The visitor is offered a live chat, and starts one.
    dialog = open_dialog(visitor)
    offer = dialog.locator("[data-live-start]")
    expect(offer).to_be_visible(timeout=WAIT)
    expect(dialog.locator("[data-chat-body]")).to_be_hidden()
    visitor.assert_no_axe_violations("live chat offer")
    visitor.assert_no_csp_violations("live chat offer")
    shot(visitor, "live-chat-offer-phone")
    start_chat(dialog)
    status = dialog.locator("[data-live-status]")
    expect(status).to_contain_text("Waiting for someone", timeout=WAIT)
    expect(dialog.locator("[data-live-list]")).to_contain_text(
        "worried about my drinking"
    )
    lead = Lead.objects.get(kind="live_chat")
    assert lead.preferred_name == "Sam"
    # No token, name or text in the page's address.
    assert vpage.url == asgi_url(visitor, "/")

    # 3. Staff hear of it: title alert, the chat at the top of the queue.
    expect(spage).to_have_title(re.compile(r"^\(1\) New chat"), timeout=WAIT)
    item = spage.locator(".live-queue__item", has_text="Sam")
    expect(item).to_contain_text(lead.reference)
    expect(item).to_contain_text("Waiting")
    expect(item).to_contain_text("1 unread")
    item.click()
    expect(spage.locator("[data-panel-log]")).to_contain_text(
        "worried about my drinking", timeout=WAIT
    )
    spage.get_by_role("button", name="Accept this chat").click()
    expect(status).to_contain_text("You are chatting with Ida", timeout=WAIT)
    expect(status).not_to_contain_text("Pierce")  # first names only

    # 4. Staff type (the visitor sees it), pick a canned reply and send with Enter.
    reply = spage.get_by_label("Your reply")
    reply.press_sequentially("Hello Sam, ")
    expect(dialog.locator("[data-live-typing]")).to_have_text(
        "Ida is typing…", timeout=WAIT
    )
    spage.get_by_label("Canned reply").select_option(label="Welcome")
    expect(reply).to_have_value(
        "Hello Sam, Thank you for reaching out. I am here with you."
    )
    reply.press("Enter")
    expect(dialog.locator(".chat-msg--staff")).to_contain_text(
        "I am here with you.", timeout=WAIT
    )
    expect(dialog.locator("[data-live-typing]")).to_be_hidden()
    # The visitor's dialog is open, so the reply counts as seen.
    expect(spage.locator(".live-msg--staff .live-msg__seen")).to_be_visible(
        timeout=WAIT
    )

    # 5. The visitor answers (Shift+Enter for a new line), and it arrives once.
    text = dialog.get_by_label("Your message")
    text.press_sequentially("Thank you.")
    expect(spage.locator("[data-panel-typing]")).to_be_visible(timeout=WAIT)
    text.press("Shift+Enter")
    text.press_sequentially("Evenings are hard.")
    text.press("Enter")
    expect(text).to_have_value("")
    expect(
        spage.locator(".live-msg--visitor", has_text="Evenings are hard.")
    ).to_have_count(1, timeout=WAIT)
    expect(dialog.locator(".chat-msg--visitor", has_text="Evenings")).not_to_have_class(
        re.compile("pending"), timeout=WAIT
    )
    # An empty message is refused with a sentence beside the composer.
    dialog.get_by_role("button", name="Send").click()
    expect(dialog.locator("[data-live-error]")).to_have_text(
        "Please type a message first."
    )
    visitor.assert_no_axe_violations("live chat conversation")
    shot(visitor, "live-chat-conversation-phone")
    vpage.set_viewport_size({"width": 1280, "height": 900})
    visitor.assert_no_axe_violations("live chat conversation at 1280 px")
    shot(visitor, "live-chat-conversation-desktop")
    vpage.set_viewport_size({"width": 390, "height": 844})

    # 6. A reload keeps the conversation: the whole transcript comes back.
    vpage.reload()
    dialog = vpage.locator("dialog[data-chat-dialog]")
    expect(dialog).to_be_visible(timeout=WAIT)
    expect(dialog.locator("[data-live-list] .chat-msg")).to_have_count(3, timeout=WAIT)
    expect(dialog.locator("[data-live-status]")).to_contain_text("chatting with Ida")

    # 7. A crisis phrase shows 988 at once and turns the chat urgent for staff.
    text = dialog.get_by_label("Your message")
    text.fill("Some nights I want to die.")
    text.press("Enter")
    crisis = dialog.locator("[data-live-crisis]")
    expect(crisis).to_be_visible(timeout=WAIT)
    expect(crisis.get_by_role("link", name="Call 988")).to_have_attribute(
        "href", "tel:988"
    )
    expect(crisis.get_by_role("link", name="Text 988")).to_have_attribute(
        "href", "sms:988"
    )
    expect(spage.locator(".live-queue__item--urgent", has_text="Sam")).to_be_visible(
        timeout=WAIT
    )
    expect(spage.locator("[data-panel-urgent]")).to_be_visible()
    visitor.assert_no_axe_violations("live chat crisis")
    shot(visitor, "live-chat-crisis-phone")
    assert_admin_accessible(staff_page, "live panel, in a chat")
    staff_page.screenshot("live-panel-chat-desktop")

    # 8. The visitor ends the chat and keeps the reference.
    dialog.get_by_role("button", name="End chat").click()
    ended = dialog.locator("[data-live-ended]")
    expect(ended).to_be_visible(timeout=WAIT)
    expect(ended).to_contain_text(lead.reference)
    assert vpage.evaluate("sessionStorage.getItem('lantana.chat')") is None
    visitor.assert_no_axe_violations("live chat ended")
    shot(visitor, "live-chat-ended-phone")
    expect(spage.locator("[data-panel-closed]")).to_be_visible(timeout=WAIT)
    visitor.assert_same_origin_only()
    visitor.assert_no_csp_violations("live chat")
    staff_page.assert_same_origin_only()
    staff_page.assert_no_csp_violations("live panel")

    # 9. The transcript is with the lead in the one inbox.
    staff_page.goto(f"/admin/leads/inspect/{lead.pk}/", "desktop")
    spage.locator("#transcript").scroll_into_view_if_needed()
    shot(staff_page, "live-chat-lead-inspect-desktop")
    spage.set_viewport_size({"width": 390, "height": 844})
    spage.locator("#transcript").scroll_into_view_if_needed()
    shot(staff_page, "live-chat-lead-inspect-phone")
    assert_admin_accessible(staff_page, "lead with its transcript")
    page_text = spage.inner_text("main")
    for line in (
        "worried about my drinking",
        "I am here with you.",
        "Evenings are hard.",
        "want to die",
    ):
        assert line in page_text
    lead.refresh_from_db()
    assert lead.is_urgent
    assert lead.conversation.state == "ended"


def asgi_url(checker, path):
    return checker.base + path


def test_nobody_answers_in_time_and_nobody_live_means_the_callback_form(
    people, visitor, settings
):
    settings.CHAT_ACCEPT_TIMEOUT_MINUTES = 0.05  # 3 s, so the server's own timer runs
    ChatAvailability.objects.create(
        user=people.intake, is_available=True, seen_at=timezone.now()
    )
    vpage = visitor.page
    dialog = open_dialog(visitor)
    expect(dialog.locator("[data-live-start]")).to_be_visible(timeout=WAIT)
    vpage.set_viewport_size({"width": 1280, "height": 900})
    visitor.assert_no_axe_violations("live chat offer at 1280 px")
    shot(visitor, "live-chat-offer-desktop")
    vpage.set_viewport_size({"width": 390, "height": 844})

    # Bad input is answered beside the fields, nothing stored.
    dialog.get_by_role("button", name="Start the chat").click()
    expect(dialog.locator("#id_live-preferred_name")).to_have_attribute(
        "aria-invalid", "true", timeout=WAIT
    )
    expect(dialog.locator(".field__error").first).to_be_visible()
    assert vpage.evaluate("document.activeElement.id") == "id_live-preferred_name"
    assert not Lead.objects.filter(kind="live_chat").exists()
    visitor.assert_no_axe_violations("live chat start with errors")
    shot(visitor, "live-chat-errors-phone")

    start_chat(dialog, name="Alex", text="Is anyone there?")
    ended = dialog.locator("[data-live-ended]")
    expect(ended).to_be_visible(timeout=WAIT)
    expect(ended).to_contain_text("Nobody could answer in time")
    expect(dialog.locator("[data-live-list]")).to_contain_text(
        "nobody could answer in time"
    )
    expect(ended.get_by_role("link").first).to_have_attribute(
        "href", re.compile(r"^tel:")
    )
    visitor.assert_no_axe_violations("live chat unanswered")
    shot(visitor, "live-chat-unanswered-phone")
    conversation = conversation_of("Alex")
    assert conversation.state == "unanswered"

    # The callback offered after it keeps the name they gave.
    ended.get_by_role("button", name="Ask for a call back").click()
    callback = dialog.locator("[data-chat-body] form[data-lead-form]")
    expect(callback).to_be_visible()
    expect(callback.get_by_label("First name")).to_have_value("Alex")
    # Focus at the top of the offline view: call and text come first.
    assert vpage.evaluate("document.activeElement.id") == "chat-now-title"

    # Everyone goes away while a visitor fills the start form: the callback form
    # takes over with what they typed, and nothing is stored as a chat.
    dialog = open_dialog(visitor)
    expect(dialog.locator("[data-live-start]")).to_be_visible(timeout=WAIT)
    ChatAvailability.objects.update(seen_at=timezone.now() - timedelta(minutes=10))
    start = dialog.locator("[data-live-start]")
    start.get_by_label("What should we call you?").fill("Jo")
    start.get_by_label("What would you like to talk about?").fill(
        "Can my son get help?"
    )
    start.locator("#id_live-consent").check()
    start.get_by_role("button", name="Start the chat").click()
    callback = dialog.locator("[data-chat-body] form[data-lead-form]")
    expect(callback).to_be_visible(timeout=WAIT)
    expect(callback).to_contain_text("Our team just became busy")
    expect(callback.get_by_label("First name")).to_have_value("Jo")
    expect(callback.locator("[name=chat-first_message]")).to_have_value(
        "Can my son get help?"
    )
    expect(callback.locator("[name=chat-first_message]")).to_be_visible()
    assert "Jo" not in [lead.preferred_name for lead in Lead.objects.all()]
    visitor.assert_no_axe_violations("callback form after the team became busy")

    # Nobody available: the dialog is the callback form, as without live chat.
    dialog = open_dialog(visitor)
    expect(dialog.locator("[data-chat-body] form[data-lead-form]")).to_be_visible()
    expect(dialog.locator("[name=chat-stamp]")).not_to_have_value("", timeout=WAIT)
    expect(dialog.locator("[data-live]")).to_be_hidden()
    visitor.assert_no_axe_violations("callback form, nobody live")
    shot(visitor, "live-chat-nobody-live-phone")
    visitor.assert_same_origin_only()


def test_the_visitor_sees_the_phone_while_the_server_is_away(
    people, visitor, asgi_site, settings
):
    settings.CHAT_RATE_LIMITS = [(3, 600)]  # three messages, so a fourth is refused
    ChatAvailability.objects.create(
        user=people.intake, is_available=True, seen_at=timezone.now()
    )
    dialog = open_dialog(visitor)
    keyboard = visitor.page.keyboard

    # Keyboard only: focus starts on the first field and moves on with Tab.
    expect(dialog.locator("#id_live-preferred_name")).to_be_focused(timeout=WAIT)
    keyboard.type("Rae")
    keyboard.press("Tab")
    keyboard.type("Hello?")
    keyboard.press("Tab")  # who it is for: "Me" is chosen
    keyboard.press("Tab")
    expect(dialog.locator("#id_live-consent")).to_be_focused()
    keyboard.press("Space")
    keyboard.press("Tab")
    keyboard.press("Enter")
    composer = dialog.get_by_label("Your message")
    expect(composer).to_be_focused(timeout=WAIT)
    expect(dialog.locator("[data-live-status]")).to_contain_text(
        "Waiting", timeout=WAIT
    )

    # The ASGI process goes away: the visitor is told and given the phone number.
    asgi_site.server.stop()
    offline = dialog.locator("[data-live-offline]")
    expect(offline).to_be_visible(timeout=WAIT)
    expect(offline.get_by_role("link")).to_have_attribute("href", re.compile(r"^tel:"))
    visitor.assert_no_axe_violations("live chat offline")
    shot(visitor, "live-chat-offline-phone")

    # It comes back on the same port: the dialog reconnects and catches up.
    asgi_site.server = AsgiServer(port=asgi_site.server.port).start()
    expect(offline).to_be_hidden(timeout=30_000)
    keyboard.type("Still here.")
    keyboard.press("Enter")
    expect(
        dialog.locator(".chat-msg--visitor", has_text="Still here.")
    ).not_to_have_class(re.compile("pending"), timeout=WAIT)
    conversation = conversation_of("Rae")
    assert conversation.messages.count() == 2

    # Over the rate: refused with a sentence, and what they typed comes back.
    keyboard.type("One more.")
    keyboard.press("Enter")
    expect(dialog.locator(".chat-msg--visitor", has_text="One more.")).to_have_count(1)
    keyboard.type("And another.")
    keyboard.press("Enter")
    expect(dialog.locator("[data-live-error]")).to_contain_text(
        "sending messages very quickly", timeout=WAIT
    )
    expect(composer).to_have_value("And another.")
    expect(dialog.locator(".chat-msg--visitor", has_text="And another.")).to_have_count(
        0
    )
    assert "And another." not in [m.text for m in conversation.messages.all()]


def test_a_chat_that_starts_while_the_panel_is_reconnecting_still_alerts(
    people, staff_page, asgi_site
):
    """The alert is sent once, as the chat starts: a panel whose socket was down
    then hears of the chat from the queue it gets on reconnecting."""
    spage = staff_page.page
    go_available(staff_page)
    asgi_site.server.stop()
    expect(spage.locator("[data-panel-connection]")).to_contain_text(
        "Connection lost", timeout=WAIT
    )
    assert start(Client(), preferred_name="Noor").status_code == 201
    asgi_site.server = AsgiServer(port=asgi_site.server.port).start()
    expect(spage).to_have_title(re.compile(r"^\(1\) New chat"), timeout=30_000)
    expect(spage.locator(".live-queue__item", has_text="Noor")).to_contain_text(
        "Waiting"
    )


def test_intake_hands_a_chat_over_and_closes_another(
    people, visitor, staff_page, browser, axe, asgi_site
):
    spage = staff_page.page
    go_available(staff_page)

    # 1. Handed over to Dana: the visitor is told who they are talking to now.
    dialog = open_dialog(visitor)
    expect(dialog.locator("[data-live-start]")).to_be_visible(timeout=WAIT)
    start_chat(dialog, name="Lee", text="Do you take Medicaid?")
    spage.locator(".live-queue__item", has_text="Lee").click()
    spage.get_by_role("button", name="Accept this chat").click()
    expect(dialog.locator("[data-live-status]")).to_contain_text(
        "chatting with Ida", timeout=WAIT
    )
    spage.get_by_label("Hand over to").select_option(label="Dana Reyes")
    spage.get_by_role("button", name="Hand over").click()
    expect(dialog.locator("[data-live-status]")).to_contain_text(
        "chatting with Dana", timeout=WAIT
    )
    expect(spage.locator(".live-queue__item", has_text="Lee")).to_contain_text(
        "With Dana"
    )
    expect(spage.get_by_label("Your reply")).to_be_hidden()  # no longer hers to answer

    # 2. A second visitor's chat, closed by intake: the visitor gets the reference.
    context = browser.new_context(viewport={"width": 390, "height": 844})
    other = PageChecker(context.new_page(), asgi_site, axe)
    dialog = open_dialog(other)
    expect(dialog.locator("[data-live-start]")).to_be_visible(timeout=WAIT)
    start_chat(dialog, name="Kim", text="Just looking for information.")
    spage.locator(".live-queue__item", has_text="Kim").click()
    spage.get_by_role("button", name="Accept this chat").click()
    spage.get_by_role("button", name="Close the chat").click()
    ended = dialog.locator("[data-live-ended]")
    expect(ended).to_be_visible(timeout=WAIT)
    [kim] = [lead for lead in Lead.objects.all() if lead.preferred_name == "Kim"]
    expect(ended).to_contain_text(kim.reference)
    expect(spage.locator("[data-panel-closed]")).to_be_visible(timeout=WAIT)
    expect(spage.locator(".live-queue__item", has_text="Kim")).to_have_count(0)
    context.close()
    assert ChatConversation.objects.get(lead=kim).state == "ended"

    # 3. The panel on a phone, for intake away from a desk.
    spage.set_viewport_size({"width": 390, "height": 844})
    spage.locator(".live-queue__item", has_text="Lee").click()
    # Opened again: the transcript is drawn from what the panel kept.
    expect(spage.locator("[data-panel-log]")).to_contain_text("Do you take Medicaid?")
    assert_admin_accessible(staff_page, "live panel at 390 px")
    shot(staff_page, "live-panel-phone")
