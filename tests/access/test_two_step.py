"""Enrolment, codes, recovery codes, lockout and the password-reset limit."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time
from wagtail.models import ModelLogEntry

from access import audit
from tests.support.access import PASSWORD, password_step
from tests.support.auth import (
    code_for_secret,
    get_app_device,
    open_enrolment_link,
    totp_code,
)


def enrol(client, user=None):
    user = user or get_user_model().objects.get(username="casey")
    assert open_enrolment_link(client, user).status_code == 302
    page = client.get("/admin/access/enrol/?next=/admin/")
    assert page.status_code == 200
    secret = re.search(rb'data-totp-secret="([A-Z2-7=]+)"', page.content)[1].decode()
    assert b'src="data:image/svg+xml;base64,' in page.content  # QR drawn locally
    return client.post(
        "/admin/access/enrol/",
        {"code": code_for_secret(secret), "next": "/admin/"},
    )


def recovery_codes(response) -> list[str]:
    return re.findall(r"<li><code>([a-z2-7]+)</code></li>", response.content.decode())


def test_a_new_user_enrols_and_reaches_the_admin(client, staff, home):
    password_step(client)
    response = enrol(client)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    codes = recovery_codes(response)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert TOTPDevice.objects.get(user=staff).confirmed
    assert client.get("/admin/").status_code == 200
    assert ModelLogEntry.objects.filter(action=audit.ENROLLED).count() == 1


def test_enrolment_refuses_a_wrong_code(client, staff, home):
    password_step(client)
    open_enrolment_link(client, staff)
    client.get("/admin/access/enrol/")
    response = client.post("/admin/access/enrol/", {"code": "000000"})
    assert response.status_code == 200
    assert b"That code did not work" in response.content
    assert not TOTPDevice.objects.filter(user=staff, confirmed=True).exists()
    assert client.get("/admin/")["Location"].startswith("/admin/access/enrol/")


def test_sign_in_with_an_app_code(client, staff, home):
    device = get_app_device(staff)
    password_step(client)
    response = client.post(
        "/admin/access/verify/", {"code": totp_code(device), "next": "/admin/pages/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200
    [entry] = ModelLogEntry.objects.filter(action=audit.SIGN_IN)
    assert entry.user == staff and entry.label == str(staff)


@pytest.mark.parametrize("kind", ["wrong", "reused", "expired"])
def test_bad_codes_get_one_message_and_count(client, staff, home, kind):
    device = get_app_device(staff)
    if kind == "wrong":
        code = "123456" if totp_code(device) != "123456" else "654321"
    elif kind == "reused":
        code = totp_code(device)
        device.last_t = 10**12  # as if the current step had just been used
        device.save()
    else:
        with freeze_time(timezone.now() - timedelta(minutes=5)):
            code = totp_code(device)
    password_step(client)
    response = client.post("/admin/access/verify/", {"code": code})
    assert response.status_code == 200
    assert b"That code did not work" in response.content
    assert client.get("/admin/")["Location"].startswith("/admin/access/verify/")
    assert ModelLogEntry.objects.filter(action=audit.SIGN_IN_FAILED).count() == 1


def test_a_recovery_code_works_once(client, staff, home):
    password_step(client)
    codes = recovery_codes(enrol(client))
    client.post("/admin/logout/")
    password_step(client)
    response = client.post("/admin/access/verify/", {"code": codes[0].upper()})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert StaticToken.objects.filter(device__user=staff).count() == 9
    client.post("/admin/logout/")
    password_step(client)
    with freeze_time(timezone.now() + timedelta(minutes=1)):  # past the back-off
        response = client.post("/admin/access/verify/", {"code": codes[0]})
    assert b"That code did not work" in response.content


def test_the_eleventh_attempt_is_locked_even_with_the_right_password(
    client, staff, home
):
    get_app_device(staff)
    for _ in range(9):
        assert password_step(client, password="wrong").status_code == 200
    assert password_step(client, password="wrong").status_code == 429  # 10th locks
    response = password_step(client)
    assert response.status_code == 429
    assert b"(843) 555-0134" in response.content
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    assert ModelLogEntry.objects.filter(action=audit.LOCKED_OUT).exists()
    with freeze_time(timezone.now() + timedelta(minutes=16)):
        response = password_step(client)
        assert response.status_code == 302
        assert response["Location"] == "/admin/"


def test_wrong_codes_count_toward_the_same_lockout(client, staff, home):
    device = get_app_device(staff)
    for _ in range(5):
        password_step(client, password="wrong")
    password_step(client)  # the right password does not wipe the count
    for _ in range(4):
        response = client.post("/admin/access/verify/", {"code": "not-a-code"})
        assert response.status_code == 200
    response = client.post("/admin/access/verify/", {"code": "not-a-code"})
    assert response.status_code == 429  # the 10th failure locks and signs out
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    assert password_step(client).status_code == 429
    assert not TOTPDevice.objects.filter(pk=device.pk, last_t__gt=0).exists()


def test_the_lockout_page_says_nothing_about_the_account(client, staff, home):
    pages = []
    for username in ("casey", "nobody-here"):
        for _ in range(10):
            password_step(client, username=username, password="wrong")
        response = password_step(client, username=username)
        assert response.status_code == 429
        main = re.search(rb"<main.*</main>", response.content, re.S)[0]
        pages.append(main)
    assert pages[0] == pages[1]


def test_lockout_is_per_address(client, staff, home):
    for _ in range(10):
        password_step(client, password="wrong", REMOTE_ADDR="203.0.113.9")
    assert password_step(client, REMOTE_ADDR="198.51.100.4").status_code == 302


def test_password_reset_requests_are_limited(client, staff, home):
    for _ in range(10):
        response = client.post("/admin/password_reset/", {"email": staff.email})
        assert response.status_code == 302
    assert len(mail.outbox) == 10
    response = client.post("/admin/password_reset/", {"email": staff.email})
    assert response.status_code == 429
    assert len(mail.outbox) == 10
    unknown = client.post("/admin/password_reset/", {"email": "x@lantana.example"})
    assert unknown.status_code == 302  # counted per email: reveals nothing


def test_password_reset_does_not_skip_the_second_step(client, staff, home):
    get_app_device(staff)
    client.post("/admin/password_reset/", {"email": staff.email})
    link = re.search(
        r"https?://[^/]+(/admin/password_reset/confirm/\S+)", mail.outbox[0].body
    )[1]
    form_url = client.get(link)["Location"]
    new = "another long passphrase 77"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    password_step(client, password=new)
    assert client.get("/admin/")["Location"].startswith("/admin/access/verify/")


def test_passwords_need_twelve_characters(client, staff, home):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("short pass1")
    with pytest.raises(ValidationError):
        validate_password("password1234")  # common
    with pytest.raises(ValidationError):
        validate_password("casey@lantana", staff)  # like the user's own email
    validate_password(PASSWORD, staff)
