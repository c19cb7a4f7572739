"""Credentials that cannot overstate: shown only where their scope reaches, hidden
the day after expiry (HTML and JSON-LD), refused outside their scope, warned of
60 and 7 days ahead, once each."""

import datetime
import json
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from demo.factories.locations import CredentialFactory, LocationPageFactory
from locations.credentials import credentials_shown
from locations.models import Credential, LocationCredential
from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def json_ld(html: str) -> list[dict]:
    blocks = re.findall(
        r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S
    )
    return [json.loads(block) for block in blocks]


def credentials_in_json_ld(html: str) -> list[str]:
    return [
        credential["name"]
        for data in json_ld(html)
        for credential in data.get("hasCredential", [])
    ]


@pytest.fixture
def other_location(location_index):
    return LocationPageFactory(parent=location_index, title="Summerville")


def test_a_credential_shows_on_the_location_it_covers_and_in_json_ld(
    client, location, other_location
):
    CredentialFactory(
        title="Charleston licence", covers=[location], shown_on=[location]
    )
    html = client.get(location.url).content.decode()
    assert "Charleston licence" in html
    assert credentials_in_json_ld(html) == ["Charleston licence"]
    other = client.get(other_location.url).content.decode()
    assert "Charleston licence" not in other
    assert credentials_in_json_ld(other) == []


def test_an_expired_credential_renders_nowhere_the_day_after(client, location):
    today = timezone.localdate()
    CredentialFactory(
        title="Expiring licence",
        expires_on=today,
        covers=[location],
        shown_on=[location],
    )
    html = client.get(location.url).content.decode()
    assert "Expiring licence" in html  # valid through the end of its last day
    with freeze_time(timezone.now() + DAY):
        html = client.get(location.url).content.decode()
    assert "Expiring licence" not in html
    assert credentials_in_json_ld(html) == []


def test_a_credential_not_active_is_not_shown(client, location):
    CredentialFactory(
        title="Pending cert",
        kind="ad_certification",
        status="pending",
        covers=[location],
        shown_on=[location],
    )
    assert "Pending cert" not in client.get(location.url).content.decode()


def test_a_scope_narrowed_later_hides_the_credential(location, other_location):
    credential = CredentialFactory(covers=[location], shown_on=[location])
    credential.scope.all().delete()
    assert credentials_shown(location) == []


def page_form_data(page, credentials):
    """The edit form of a location page, as the admin posts it."""
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "street_address": page.street_address,
            "city": page.city,
            "state": page.state,
            "postal_code": page.postal_code,
            "hours": inline_formset([]),
            "photos": inline_formset([]),
            "credentials": inline_formset([{"credential": c.pk} for c in credentials]),
            "services": streamfield([]),
            "description": rich_text(""),
        }
    )


def test_a_credential_outside_its_scope_cannot_be_attached(
    client, admin_user, location, other_location
):
    sign_in(client, admin_user)
    credential = CredentialFactory(title="Charleston only", covers=[location])
    url = f"/admin/pages/{other_location.pk}/edit/"
    response = client.post(url, page_form_data(other_location, [credential]))
    assert response.status_code == 200
    assert "does not cover this location" in response.content.decode()
    assert not LocationCredential.objects.exists()

    data = page_form_data(location, [credential])
    data["action-publish"] = "action-publish"
    response = client.post(f"/admin/pages/{location.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert LocationCredential.objects.get().location_id == location.pk


def credential_form(location, **overrides):
    data = {
        "kind": "licence",
        "status": "active",
        "title": "Licence",
        "issuer": "Agency",
        "number": "OP-1",
        "levels_of_care": ["outpatient"],
        "expires_on": (timezone.localdate() + 30 * DAY).isoformat(),
        "verification_url": "",
        "scope": inline_formset([{"location": location.pk, "program": ""}]),
    }
    data.update(overrides)
    levels = data.pop("levels_of_care")
    return {**nested_form_data(data), "levels_of_care": levels}


def test_an_expiry_in_the_past_is_refused_clearly(client, admin_user, location):
    sign_in(client, admin_user)
    past = (timezone.localdate() - DAY).isoformat()
    response = client.post(
        "/admin/snippets/locations/credential/add/",
        credential_form(location, expires_on=past),
    )
    assert response.status_code == 200
    assert "This expiry date is in the past" in response.content.decode()
    assert not Credential.objects.exists()


def test_a_scope_naming_a_deleted_page_is_refused_clearly(
    client, admin_user, location, other_location
):
    sign_in(client, admin_user)
    gone = other_location.pk
    other_location.delete()
    response = client.post(
        "/admin/snippets/locations/credential/add/",
        credential_form(
            location, scope=inline_formset([{"location": gone, "program": ""}])
        ),
    )
    assert response.status_code == 200
    assert "This location no longer exists" in response.content.decode()
    assert not Credential.objects.exists()


def test_a_credential_is_created_from_the_admin(client, admin_user, location):
    sign_in(client, admin_user)
    response = client.post(
        "/admin/snippets/locations/credential/add/", credential_form(location)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    credential = Credential.objects.get()
    assert credential.levels_of_care == ["outpatient"]
    assert credential.covered_location_ids() == {location.pk}


def test_warnings_fire_60_and_7_days_before_once_each(location, settings):
    settings.CREDENTIAL_NOTIFY_EMAILS = ["compliance@lantana.example"]
    start = timezone.now()
    credential = CredentialFactory(
        expires_on=timezone.localdate(start) + 90 * DAY, covers=[location]
    )
    sent = []
    for day in range(0, 92):
        with freeze_time(start + day * DAY):
            call_command("warn_expiring_credentials", stdout=open("/dev/null", "w"))
        sent += [(day, m.subject) for m in mail.outbox]
        mail.outbox.clear()
    assert [day for day, _subject in sent] == [30, 83]
    assert "60 days" in sent[0][1] and "7 days" in sent[1][1]
    credential.refresh_from_db()
    assert credential.warned_60_at and credential.warned_7_at


def test_a_renewal_warns_anew(location, settings):
    settings.CREDENTIAL_NOTIFY_EMAILS = ["compliance@lantana.example"]
    credential = CredentialFactory(
        expires_on=timezone.localdate() + 5 * DAY, covers=[location]
    )
    call_command("warn_expiring_credentials", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 1  # the 7-day warning stands for the 60-day one
    credential.refresh_from_db()
    credential.expires_on = timezone.localdate() + 40 * DAY
    credential.save()
    call_command("warn_expiring_credentials", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 2


def test_the_warning_names_the_credential_and_nothing_else(location, settings):
    settings.CREDENTIAL_NOTIFY_EMAILS = ["compliance@lantana.example"]
    CredentialFactory(expires_on=timezone.localdate() + 6 * DAY, covers=[location])
    call_command("warn_expiring_credentials", stdout=open("/dev/null", "w"))
    [message] = mail.outbox
    assert "/admin/snippets/locations/credential/edit/" in message.body


def test_the_dashboard_lists_credentials_to_renew(client, admin_user, location):
    CredentialFactory(
        title="Soon", expires_on=timezone.localdate() + 6 * DAY, covers=[location]
    )
    CredentialFactory(title="Later", covers=[location])
    sign_in(client, admin_user)
    html = client.get("/admin/").content.decode()
    assert "Credentials to renew" in html
    assert "Soon" in html and "6 days left" in html
    assert "Later (" not in html
