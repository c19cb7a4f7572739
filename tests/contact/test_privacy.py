"""Canary test: what a visitor types never reaches logs, email, task arguments or URLs."""

import logging
from unittest import mock

import pytest
from django.db import OperationalError
from django_tasks.signals import task_enqueued

from contact.insurers import InsuranceCheckSettings
from contact.models import Lead
from tests.support.leads import LEAD_FORMS, MESSAGE_FIELDS, lead_data, leads_from

NAME = "Canaryname Zq7"
EMAIL = "canary.zq7@example.com"
PHONE_TYPED = "(843) 555-0177"
MESSAGE = "canary message zq7 about my family"
MEMBER_NUMBER = "ZQ7MEMBER5150"
BIRTH_DATE = "1961-03-14"
MARKERS = [NAME, EMAIL, "555-0177", "5550177", MESSAGE, "zq7", MEMBER_NUMBER]
MARKERS += [BIRTH_DATE]


@pytest.mark.parametrize("prefix,url", LEAD_FORMS)
def test_lead_fields_never_leak(
    client,
    lead_pages,
    caplog,
    mailoutbox,
    django_capture_on_commit_callbacks,
    settings,
    prefix,
    url,
):
    caplog.set_level(logging.DEBUG)
    task_args = []

    def record(sender, task_result, **kwargs):
        task_args.append(repr((task_result.args, task_result.kwargs)))

    fields = {"preferred_name": NAME, "email": EMAIL, "phone": PHONE_TYPED}
    if prefix == "insurance":  # the most it can carry, asked by the clinic
        asked = InsuranceCheckSettings.load()
        asked.ask_member_number = asked.ask_date_of_birth = True
        asked.save()
        fields |= {"member_number": MEMBER_NUMBER, "date_of_birth": BIRTH_DATE}
    text_field = MESSAGE_FIELDS[prefix]

    def send(**extra):
        return client.post(url, lead_data(prefix, **(fields | extra)))

    task_enqueued.connect(record)
    locations = []
    try:
        with django_capture_on_commit_callbacks(execute=True):
            # Accepted: a plain one and one in crisis.
            locations.append(send(**{text_field: MESSAGE})["Location"])
            locations.append(send(**{text_field: f"{MESSAGE} overdose"})["Location"])
            # Refused or quarantined.
            send(**{text_field: MESSAGE + "\x00"})
            locations.append(send(leave_blank="x")["Location"])
        # A failing mail server, and a database outage.
        settings.EMAIL_BACKEND = "tests.contact.mail.FailingBackend"
        with django_capture_on_commit_callbacks(execute=True):
            send(**{text_field: MESSAGE})
        with mock.patch.object(Lead, "save", side_effect=OperationalError(MESSAGE)):
            assert send(**{text_field: MESSAGE}).status_code == 503
        settings.LEAD_RATE_LIMIT = 1
        assert send().status_code == 429
    finally:
        task_enqueued.disconnect(record)

    assert leads_from(prefix).count() == Lead.objects.count() == 4
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
