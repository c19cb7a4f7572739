"""Who can reach the lead desk: a role × URL matrix with a canary lead."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from contact.models import Lead
from contact.permissions import LEAD_REVIEWERS
from tests.support.auth import sign_in
from tests.support.leads import leaked

INQUIRY_BULK = [
    "lead_set_status",
    "lead_assign",
    "lead_mark_spam",
    "lead_mark_not_spam",
]


def lead_urls(lead) -> list[tuple[str, str, dict]]:
    """(method, url, data) for every lead URL, reads and writes."""
    pk, prefix = lead.pk, "leads"
    urls = [
        ("get", reverse(f"{prefix}:index"), {}),
        ("get", reverse(f"{prefix}:index") + "?q=Zebulon", {}),
        ("get", reverse(f"{prefix}:index_results"), {}),
        ("get", reverse(f"{prefix}:index") + "?export=csv", {}),
        ("get", reverse(f"{prefix}:index") + "?export=xlsx", {}),
        ("get", reverse(f"{prefix}:inspect", args=[pk]), {}),
        ("get", reverse(f"{prefix}:edit", args=[pk]), {}),
        ("post", reverse(f"{prefix}:edit", args=[pk]), {"status": "closed"}),
        ("get", reverse(f"{prefix}:history", args=[pk]), {}),
        ("get", reverse(f"{prefix}:history_results", args=[pk]), {}),
        ("post", reverse(f"{prefix}:add_note", args=[pk]), {"text": "sneaky"}),
        ("get", reverse(f"{prefix}:delete", args=[pk]), {}),
        ("post", reverse(f"{prefix}:delete", args=[pk]), {}),
    ]
    for action in INQUIRY_BULK:
        url = reverse("wagtail_bulk_action", args=["contact", "lead", action])
        for query in [f"?id={pk}", "?id=all", "?id=all&q=Zebulon"]:
            urls.append(("get", url + query, {}))
            urls.append(("post", url + query, {"status": "closed"}))
    return urls


def unchanged(lead) -> bool:
    fresh = Lead.objects.filter(pk=lead.pk).first()
    return (
        fresh is not None
        and fresh.status == lead.status
        and not fresh.is_spam
        and not fresh.notes.exists()
    )


@pytest.mark.parametrize("role", ["anonymous", "editor"])
def test_outsiders_get_nothing_from_any_lead_url(
    client, role, canary_of_each_kind, site_editor
):
    canary = canary_of_each_kind
    if role == "editor":
        sign_in(client, site_editor)
    for method, url, data in lead_urls(canary):
        response = getattr(client, method)(url, data)
        assert response.status_code < 500, url
        assert response.status_code in {302, 403, 404}, (url, response.status_code)
        assert leaked(response) == [], (url, leaked(response))
    assert unchanged(canary)


def test_editor_sees_no_menu_panel_or_search_hit(client, site_editor, canary):
    sign_in(client, site_editor)
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 200
    text = home.content.decode()
    assert "Leads" not in text and "Inquiries" not in text
    assert "lead-desk" not in text
    for url in [
        "/admin/pages/search/?q=Zebulon",
        "/admin/choose-page/search/?q=Zebulon",
    ]:
        response = client.get(url)
        assert response.status_code == 200
        # The search box echoes the query itself; nothing else may appear.
        assert [value for value in leaked(response) if value != "Zebulon"] == []


def test_site_history_report_hides_lead_entries_from_editors(
    client, site_editor, lead_reviewer, canary
):
    sign_in(client, lead_reviewer)
    client.get(reverse("leads:inspect", args=[canary.pk]))
    sign_in(client, site_editor)
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    assert f"Inquiry #{canary.pk}" not in response.content.decode()


def test_reviewer_reaches_every_read_url(client, lead_reviewer, canary, canary_chat):
    sign_in(client, lead_reviewer)
    for prefix, lead in [("leads", canary), ("leads", canary_chat)]:
        for name in ["index", "index_results"]:
            assert client.get(reverse(f"{prefix}:{name}")).status_code == 200
        for name in ["inspect", "edit", "history", "history_results"]:
            response = client.get(reverse(f"{prefix}:{name}", args=[lead.pk]))
            assert response.status_code == 200, name
        for fmt in ["csv", "xlsx"]:
            response = client.get(reverse(f"{prefix}:index") + f"?export={fmt}")
            assert response.status_code == 200
    inspect = client.get(reverse("leads:inspect", args=[canary.pk]))
    assert "Zebulon Canary" in inspect.content.decode()
    chat = client.get(reverse("leads:inspect", args=[canary_chat.pk]))
    assert "CANARY-CHAT-5150" in chat.content.decode()


def test_reviewer_cannot_delete_or_add(client, lead_reviewer, canary):
    sign_in(client, lead_reviewer)
    for method in ["get", "post"]:
        url = reverse("leads:delete", args=[canary.pk])
        response = getattr(client, method)(url)
        assert response.status_code in {302, 403}
    assert Lead.objects.filter(pk=canary.pk).exists()
    assert client.get("/admin/leads/new/").status_code == 404
    inspect = client.get(reverse("leads:inspect", args=[canary.pk]))
    assert reverse("leads:delete", args=[canary.pk]) not in inspect.content.decode()


def test_only_superusers_delete(client, superuser, canary):
    sign_in(client, superuser)
    url = reverse("leads:delete", args=[canary.pk])
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    assert not Lead.objects.filter(pk=canary.pk).exists()


def test_superuser_sees_everything_too(client, superuser, canary):
    sign_in(client, superuser)
    response = client.get(reverse("leads:inspect", args=[canary.pk]))
    assert response.status_code == 200
    assert "Zebulon Canary" in response.content.decode()


def test_reviewer_dashboard_shows_new_count(client, lead_reviewer, canary, canary_chat):
    sign_in(client, lead_reviewer)
    text = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Leads waiting" in text
    assert "<strong data-lead-new-count>2</strong>" in text
    assert "Leads (2 new)" in text
    assert leaked_in(text) == []


def leaked_in(text):
    from tests.support.leads import CANARY_STRINGS

    return [value for value in CANARY_STRINGS if value in text]


def test_groups_hold_the_right_permissions(db):
    reviewers = Group.objects.get(name=LEAD_REVIEWERS)
    codenames = set(reviewers.permissions.values_list("codename", flat=True))
    assert codenames == {
        "access_admin",
        "view_lead",
        "change_lead",
        # Live chat's canned replies (Snippets), kept by the people who use them.
        "add_cannedreply",
        "change_cannedreply",
        "delete_cannedreply",
    }
    for name in ["Editors", "Moderators"]:
        group = Group.objects.get(name=name)
        assert not group.permissions.filter(content_type__app_label="contact").exists()


def test_delete_permission_given_by_hand_still_does_not_let_reviewers_delete(
    client, lead_reviewer, canary
):
    from django.contrib.auth.models import Permission

    lead_reviewer.user_permissions.add(Permission.objects.get(codename="delete_lead"))
    sign_in(client, lead_reviewer)
    client.post(reverse("leads:delete", args=[canary.pk]))
    assert Lead.objects.filter(pk=canary.pk).exists()
