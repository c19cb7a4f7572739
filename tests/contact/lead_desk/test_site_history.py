"""Wagtail's own report screens still work after every kind of audited action."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from access import audit as access_audit
from contact import audit
from contact.chat import services as chat_services
from contact.models import Lead
from demo.factories.leads import InquiryFactory
from tests.support.auth import sign_in
from tests.support.chat import make_available, start

SITE_HISTORY = "/admin/reports/site-history/"


def bulk_url(action, *leads):
    ids = "&".join(f"id={lead.pk}" for lead in leads)
    url = reverse("wagtail_bulk_action", args=["contact", "lead", action])
    return f"{url}?{ids}&next=/admin/leads/"


@pytest.fixture
def audited(client, lead_reviewer, superuser):
    """One of each audited action: lead view, search, export, bulk action, purge,
    sign-in, failed sign-in, chat transcript view and chat accept."""
    desk = sign_in(client, lead_reviewer)
    lead = InquiryFactory()
    assert desk.get(reverse("leads:inspect", args=[lead.pk])).status_code == 200
    assert desk.get("/admin/leads/?q=someone").status_code == 200
    export = desk.get("/admin/leads/?export=csv")
    b"".join(export.streaming_content)
    bulk = desk.post(bulk_url("lead_set_status", lead), {"status": "contacted"})
    assert bulk.status_code == 302
    call_command("purge_leads", stdout=io.StringIO())
    access_audit.log_sign_in(lead_reviewer)
    Client().post("/admin/login/", {"username": "reviewer", "password": "wrong"})

    make_available(lead_reviewer)
    visitor = Client()
    assert start(visitor).status_code == 201
    chat = Lead.objects.get(kind="live_chat")
    chat_services.accept(chat.pk, lead_reviewer)
    chat_services.open_for_staff(chat.pk, lead_reviewer, 0)
    return {
        "lead": lead,
        "chat": chat,
        "reviewer": lead_reviewer,
        "superuser": superuser,
    }


EXPECTED_ACTIONS = {
    audit.VIEW,
    audit.SEARCH,
    audit.EXPORT,
    audit.CHANGE,
    audit.PURGE,
    access_audit.SIGN_IN,
    access_audit.SIGN_IN_FAILED,
}


def listed_actions(response) -> set[str]:
    return {entry.action for entry in response.context["object_list"]}


@pytest.mark.parametrize("who", ["superuser", "reviewer"])
def test_site_history_lists_every_kind_of_entry(client, audited, who):
    staff = sign_in(Client(), audited[who])
    response = staff.get(SITE_HISTORY)
    assert response.status_code == 200
    actions = listed_actions(response)
    if who == "superuser":
        assert actions >= EXPECTED_ACTIONS
    else:  # a reviewer sees the lead desk's entries, not other accounts'
        assert actions >= {audit.VIEW, audit.SEARCH, audit.EXPORT, audit.PURGE}
    html = response.content.decode()
    for label in ["Lead search", "Lead export", "Lead purge"]:
        assert label in html
    assert f"Live chat #{audited['chat'].pk}" in html


@pytest.mark.parametrize(
    "query",
    [
        f"?action={audit.EXPORT}",
        f"?action={audit.SEARCH}",
        "?export=csv",
        "?export=xlsx",
        "?label=export",
    ],
)
def test_site_history_filters_and_downloads_work(audited, query):
    staff = sign_in(Client(), audited["superuser"])
    response = staff.get(SITE_HISTORY + query)
    assert response.status_code == 200
    if "export=" in query:
        assert b"".join(response.streaming_content)


def test_each_object_history_lists_its_entries(audited):
    staff = sign_in(Client(), audited["superuser"])
    lead_history = staff.get(reverse("leads:history", args=[audited["lead"].pk]))
    assert lead_history.status_code == 200
    assert {e.action for e in lead_history.context["object_list"]} >= {
        audit.VIEW,
        audit.CHANGE,
    }
    chat_history = staff.get(reverse("leads:history", args=[audited["chat"].pk]))
    assert chat_history.status_code == 200
    assert {e.action for e in chat_history.context["object_list"]} >= {
        audit.VIEW,
        audit.CHANGE,
    }
    user_history = staff.get(
        reverse("wagtailusers_users:history", args=[audited["reviewer"].pk])
    )
    assert user_history.status_code == 200
    assert {e.action for e in user_history.context["object_list"]} >= {
        access_audit.SIGN_IN,
        access_audit.SIGN_IN_FAILED,
    }


@pytest.mark.parametrize(
    "name",
    [
        "locked_pages",
        "workflow",
        "workflow_tasks",
        "site_history",
        "site_history_results",
        "aging_pages",
        "page_types_usage",
    ],
)
def test_every_report_page_answers_after_the_audited_actions(audited, name):
    staff = sign_in(Client(), audited["superuser"])
    assert staff.get(reverse(f"wagtailadmin_reports:{name}")).status_code == 200
