"""No trust on first use: setting up a second step takes an administrator's
one-time, expiring set-up link; a replayed, expired, forged or misdirected link is
refused with a message and an audit entry."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from wagtail.models import ModelLogEntry

from access import audit
from access.models import EnrolmentLink
from tests.support.access import PASSWORD, password_step
from tests.support.auth import code_for_secret, enrolment_link, get_app_device, sign_in


@pytest.fixture
def newcomer(db, home):
    user = get_user_model().objects.create_user(
        "noor", "noor@lantana.example", PASSWORD
    )
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    return user


def actions(action):
    return list(ModelLogEntry.objects.filter(action=action).order_by("pk"))


def enrol_with_app(client):
    page = client.get("/admin/access/enrol/")
    assert page.status_code == 200
    secret = page.content.decode().split('data-totp-secret="')[1].split('"')[0]
    return client.post("/admin/access/enrol/", {"code": code_for_secret(secret)})


def test_a_password_alone_cannot_set_up_a_second_step(client, newcomer):
    password_step(client, "noor")
    page = client.get("/admin/access/enrol/")
    assert page.status_code == 403
    assert b"Set-up link needed" in page.content
    assert client.post("/admin/access/enrol/", {"code": "123456"}).status_code == 403
    assert not TOTPDevice.objects.filter(user=newcomer).exists()
    assert client.get("/admin/")["Location"].startswith("/admin/access/enrol/")


def test_an_administrator_resets_and_the_link_sets_up_once(client, staff, newcomer):
    get_app_device(newcomer)
    admin = client
    sign_in(admin, staff)
    response = admin.post(f"/admin/access/users/{newcomer.pk}/reset/")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    url = response.content.decode().split("data-enrolment-link>")[1].split("<")[0]
    path = url.removeprefix("http://testserver")
    assert not TOTPDevice.objects.filter(user=newcomer).exists()
    [link] = EnrolmentLink.objects.all()
    assert link.user == newcomer and link.issued_by == staff
    assert link.secret_hash not in url  # stored hashed, never the link itself
    assert [e.user for e in actions(audit.LINK_ISSUED)] == [staff]

    admin.logout()
    member = client
    # Signed out, the link asks for the password first, and comes back.
    response = member.get(path)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    password_step(member, "noor")
    assert member.get(path).status_code == 200  # a button; mail scanners use nothing
    assert member.post(path)["Location"] == "/admin/access/enrol/"
    assert enrol_with_app(member).status_code == 200
    assert TOTPDevice.objects.get(user=newcomer).confirmed
    assert member.get("/admin/").status_code == 200
    assert [e.user for e in actions(audit.LINK_USED)] == [newcomer]

    # The same link again, even for the same person: refused, recorded.
    TOTPDevice.objects.filter(user=newcomer).delete()
    response = member.post(path)
    assert response.status_code == 410
    assert b"already been used" in response.content
    [refusal] = actions(audit.LINK_REFUSED)
    assert refusal.data == {"reason": "used", "link": link.pk}
    assert refusal.user == newcomer
    # …and the used grant does not carry over to another enrolment.
    assert member.get("/admin/access/enrol/").status_code in {302, 403}


@pytest.mark.parametrize("case", ["expired", "other_account", "invalid", "enrolled"])
def test_a_bad_link_is_refused_with_a_message_and_an_entry(client, newcomer, case):
    other = get_user_model().objects.create_user("pat", "pat@example.org", PASSWORD)
    path = enrolment_link(other if case == "other_account" else newcomer)
    if case == "invalid":
        path = path[:-3] + "xyz/"
    if case == "enrolled":
        get_app_device(newcomer)
    if case == "expired":
        EnrolmentLink.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    password_step(client, "noor")
    response = client.post(path)
    assert response.status_code in {400, 410}
    assert b"data-link-refused" in response.content
    [entry] = actions(audit.LINK_REFUSED)
    assert entry.data["reason"] == case
    assert not TOTPDevice.objects.filter(user=newcomer, confirmed=False).exists()
    if case != "enrolled":
        assert client.get("/admin/access/enrol/").status_code == 403


def test_the_command_issues_a_link_for_the_first_administrator(newcomer):
    out, err = StringIO(), StringIO()
    call_command("issue_enrolment_link", "noor", stdout=out, stderr=err)
    assert out.getvalue().startswith("http://testserver/admin/access/enrol/link/")
    assert "Works once" in err.getvalue()
    assert len(actions(audit.LINK_ISSUED)) == 1


def test_only_superusers_issue_links(client, newcomer):
    sign_in(client, newcomer)
    url = f"/admin/access/users/{newcomer.pk}/enrolment-link/"
    assert client.post(url).status_code in {302, 403}  # Wagtail: back to the dashboard
    assert not EnrolmentLink.objects.exists()


def test_a_passkey_cannot_be_added_without_the_second_step(client, newcomer):
    """The package would let an account with no device register one on its password
    alone; ours refuses, whatever the account has."""
    password_step(client, "noor")
    for url in [
        "/admin/access/passkeys/api/registration/begin/",
        "/admin/access/passkeys/api/registration/complete/",
    ]:
        response = client.post(url, content_type="application/json", data="{}")
        assert response.status_code in {302, 403}
    assert not WebAuthnCredential.objects.exists()


def test_a_forged_passkey_answer_is_refused_counted_and_audited(client, staff):
    get_app_device(staff)
    password_step(client)
    begin = client.post("/admin/access/passkeys/api/authentication/begin/")
    assert begin.status_code == 200
    assert json.loads(begin.content)["rpId"] == "localhost"
    response = client.post(
        "/admin/access/passkeys/api/authentication/complete/",
        content_type="application/json",
        data=json.dumps({"id": "AAAA", "rawId": "AAAA", "type": "public-key"}),
    )
    assert 400 <= response.status_code < 500
    assert "detail" in json.loads(response.content)
    [entry] = actions(audit.PASSKEY_REFUSED)
    assert entry.user == staff
    assert client.get("/admin/")["Location"].startswith("/admin/access/verify/")
