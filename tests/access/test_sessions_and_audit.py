"""Idle and absolute session limits, sign-out, the audit trail, device reset."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time
from wagtail.models import ModelLogEntry

from access import audit
from tests.support.access import PASSWORD, password_step
from tests.support.auth import get_app_device, sign_in, totp_code


def full_sign_in(client, staff, remember=False):
    device = get_app_device(staff)
    extra = {"remember": "on"} if remember else {}
    client.post(
        "/admin/login/",
        {"username": staff.username, "password": PASSWORD, **extra},
    )
    client.post("/admin/access/verify/", {"code": totp_code(device)})
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("remember", [False, True])
def test_thirty_idle_minutes_end_the_session(client, staff, home, remember):
    start = timezone.now()
    with freeze_time(start):
        full_sign_in(client, staff, remember)
    with freeze_time(start + timedelta(minutes=29)):
        assert client.get("/admin/").status_code == 200
    with freeze_time(start + timedelta(minutes=29 + 31)):
        response = client.get("/admin/")
    assert response["Location"].startswith("/admin/login/")
    assert Session.objects.count() == 0


@pytest.mark.parametrize("remember", [False, True])
def test_twelve_hours_end_any_session(client, staff, home, remember):
    start = timezone.now()
    with freeze_time(start):
        full_sign_in(client, staff, remember)
    for minutes in range(20, 12 * 60, 20):  # busy all day, never idle
        with freeze_time(start + timedelta(minutes=minutes)):
            assert client.get("/admin/").status_code == 200
    with freeze_time(start + timedelta(hours=12, minutes=1)):
        assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_sign_out_deletes_the_session_on_the_server(client, staff, home):
    full_sign_in(client, staff)
    key = client.cookies["sessionid"].value
    client.post("/admin/logout/")
    assert not Session.objects.filter(session_key=key).exists()
    assert ModelLogEntry.objects.filter(action=audit.SIGN_OUT).count() == 1


def test_audit_entries_name_the_account_and_keep_no_secret(client, staff, home):
    password_step(client, password="Wrong-Secret-123")
    device = get_app_device(staff)
    password_step(client)
    client.post("/admin/access/verify/", {"code": "999111"})
    code = totp_code(device)
    with freeze_time(
        timezone.now() + timedelta(seconds=5)
    ):  # past django-otp's back-off
        client.post("/admin/access/verify/", {"code": code})
    client.post("/admin/logout/")
    entries = ModelLogEntry.objects.filter(action__startswith="access.")
    actions = set(entries.values_list("action", flat=True))
    assert {audit.SIGN_IN_FAILED, audit.SIGN_IN, audit.SIGN_OUT} <= actions
    for entry in entries:
        assert entry.label == str(staff) and entry.timestamp
        text = f"{entry.data} {entry.label} {entry.uuid}"
        for secret in ("Wrong-Secret-123", PASSWORD, "999111", code):
            assert secret not in text


def test_sign_ins_show_in_site_history(client, staff, home):
    sign_in(client, staff)
    audit.log_sign_in(staff)
    response = client.get("/admin/reports/site-history/")
    assert response.status_code == 200
    assert b"Signed in (password and second step)" in response.content


def test_a_superuser_resets_someone_elses_devices(
    client, staff, home, django_user_model
):
    member = django_user_model.objects.create_user(
        "jordan", "jordan@lantana.example", PASSWORD, is_staff=True
    )
    get_app_device(member)
    sign_in(client, staff)
    url = f"/admin/access/users/{member.pk}/reset/"
    assert url in client.get("/admin/users/").content.decode()
    assert client.get(url).status_code == 200
    response = client.post(url)  # shows the set-up link to hand over, once
    assert response.status_code == 200 and b"data-enrolment-link" in response.content
    assert not TOTPDevice.objects.filter(user=member).exists()
    [entry] = ModelLogEntry.objects.filter(action=audit.DEVICES_RESET)
    assert entry.user == staff and entry.object_id == str(member.pk)


def test_only_a_superuser_resets_devices(client, staff, home, django_user_model):
    from django.contrib.auth.models import Permission

    member = django_user_model.objects.create_user("jordan", password=PASSWORD)
    member.user_permissions.add(Permission.objects.get(codename="access_admin"))
    get_app_device(staff)
    sign_in(client, member)
    url = f"/admin/access/users/{staff.pk}/reset/"
    for response in (client.get(url), client.post(url)):
        # Wagtail turns the refusal into a redirect to the dashboard with a message.
        assert response.status_code in (302, 403)
        assert response.get("Location", "/admin/") == "/admin/"
    assert TOTPDevice.objects.filter(user=staff).exists()
