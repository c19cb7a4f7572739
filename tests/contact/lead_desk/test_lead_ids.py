"""Lead ids tell outsiders nothing: "no such lead" and "not yours" answer alike."""

import pytest
from django.urls import reverse

from tests.support.auth import sign_in

NO_SUCH_LEAD = 987654


def id_urls(pk) -> list[tuple[str, str, dict]]:
    return [
        ("get", reverse("leads:inspect", args=[pk]), {}),
        ("get", reverse("leads:edit", args=[pk]), {}),
        ("post", reverse("leads:edit", args=[pk]), {"status": "closed"}),
        ("get", reverse("leads:history", args=[pk]), {}),
        ("get", reverse("leads:history_results", args=[pk]), {}),
        ("post", reverse("leads:add_note", args=[pk]), {"text": "sneaky"}),
        ("get", reverse("leads:delete", args=[pk]), {}),
        ("post", reverse("leads:delete", args=[pk]), {}),
    ]


def answers(client, pk) -> list[tuple[str, int]]:
    return [
        (url.replace(str(pk), "<id>"), getattr(client, method)(url, data).status_code)
        for method, url, data in id_urls(pk)
    ]


@pytest.mark.parametrize("role", ["anonymous", "editor"])
def test_an_existing_lead_and_a_missing_one_answer_alike(
    client, role, site_editor, canary, canary_chat
):
    if role == "editor":
        sign_in(client, site_editor)
    missing = answers(client, NO_SUCH_LEAD)
    assert answers(client, canary.pk) == missing
    assert answers(client, canary_chat.pk) == missing
    if role == "editor":
        assert {status for _, status in missing} == {404}


def test_reviewers_still_get_a_404_only_for_a_missing_lead(
    client, lead_reviewer, canary
):
    sign_in(client, lead_reviewer)
    assert client.get(reverse("leads:inspect", args=[canary.pk])).status_code == 200
    assert client.get(reverse("leads:inspect", args=[NO_SUCH_LEAD])).status_code == 404
