"""Canary test: what a visitor types never reaches logs, email, task arguments or URLs."""

import logging
from unittest import mock

from django.db import OperationalError
from django_tasks.signals import task_enqueued

from contact.models import Lead
from tests.support.leads import chat_requests, inquiries, lead_data

NAME = "Canaryname Zq7"
EMAIL = "canary.zq7@example.com"
PHONE_TYPED = "(843) 555-0177"
MESSAGE = "canary message zq7 about my family"
MARKERS = [NAME, EMAIL, "555-0177", "5550177", MESSAGE, "zq7"]


def test_lead_fields_never_leak(
    client,
    contact_page,
    caplog,
    mailoutbox,
    django_capture_on_commit_callbacks,
    settings,
):
    caplog.set_level(logging.DEBUG)
    task_args = []

    def record(sender, task_result, **kwargs):
        task_args.append(repr((task_result.args, task_result.kwargs)))

    task_enqueued.connect(record)
    locations = []
    try:
        fields = {
            "preferred_name": NAME,
            "email": EMAIL,
            "phone": PHONE_TYPED,
        }
        with django_capture_on_commit_callbacks(execute=True):
            # Accepted: an inquiry and a crisis chat.
            response = client.post(
                "/contact/", lead_data("inquiry", message=MESSAGE, **fields)
            )
            locations.append(response["Location"])
            response = client.post(
                "/chat/",
                lead_data("chat", first_message=f"{MESSAGE} overdose", **fields),
            )
            locations.append(response["Location"])
            # Refused or quarantined.
            client.post(
                "/contact/", lead_data("inquiry", message=MESSAGE + "\x00", **fields)
            )
            response = client.post(
                "/chat/", lead_data("chat", leave_blank="x", **fields)
            )
            locations.append(response["Location"])
        # A failing mail server, and a database outage.
        settings.EMAIL_BACKEND = "tests.contact.mail.FailingBackend"
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/contact/", lead_data("inquiry", message=MESSAGE, **fields))
        with mock.patch.object(Lead, "save", side_effect=OperationalError(MESSAGE)):
            assert (
                client.post(
                    "/contact/", lead_data("inquiry", message=MESSAGE, **fields)
                ).status_code
                == 503
            )
        settings.LEAD_RATE_LIMIT = 1
        assert client.post("/chat/", lead_data("chat", **fields)).status_code == 429
    finally:
        task_enqueued.disconnect(record)

    assert inquiries().count() == 2 and chat_requests().count() == 2
    assert len(mailoutbox) == 2
    logged = "\n".join(
        record.getMessage() + str(record.exc_info or "") + str(record.args)
        for record in caplog.records
    )
    logged += caplog.text
    mail = "\n".join(m.subject + m.body + str(m.to) for m in mailoutbox)
    haystacks = {
        "logs": logged,
        "mail": mail,
        "task args": "\n".join(task_args),
        "redirect URLs": "\n".join(locations),
    }
    assert task_args and all(location for location in locations)
    # The capture works: refusals, the outage and the mail failure were all logged.
    assert "Bad Request" in logged and "database unavailable" in logged
    assert "SMTPServerDisconnected" in logged
    for where, text in haystacks.items():
        for marker in MARKERS:
            assert marker.lower() not in text.lower(), f"{marker!r} found in {where}"


def test_error_reports_hide_the_post_data(client, contact_page):
    response = client.post("/contact/", lead_data("inquiry"))
    assert response.wsgi_request.sensitive_post_parameters == "__ALL__"
    response = client.post("/chat/", lead_data("chat"))
    assert response.wsgi_request.sensitive_post_parameters == "__ALL__"
