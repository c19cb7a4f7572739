"""Signing staff into the admin in tests: the one place that knows how.

Every test that needs an admin session goes through these helpers, so that when
sign-in gains steps only this file changes. Sessions here are fully verified (both
steps), exactly as after a real sign-in; 2FA is never switched off in settings.
"""

import base64
import re
import time

from django.contrib.auth import get_user_model
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from access.enrolment import issue_link


def get_app_device(user) -> TOTPDevice:
    """The user's confirmed authenticator app, created if they have none yet."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(
        user=user, name="Authenticator app", confirmed=True
    )


def totp_code(device: TOTPDevice) -> str:
    """The code the user's phone would show now (or the next one, if now's was used:
    django-otp refuses a code twice, and accepts one step of clock drift)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        totp.time = (device.last_t + 1) * device.step + device.t0
    return f"{totp.token():0{device.digits}d}"


def code_for_secret(secret: str) -> str:
    """The code an app shows for a base32 secret read off the enrolment page."""
    totp = TOTP(base64.b32decode(secret))
    return f"{totp.token():06d}"


def sign_in(client, user):
    """Give a Django test client a full staff session for `user` (both steps)."""
    device = get_app_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def enrolment_link(user) -> str:
    """The path of a fresh set-up link for `user`, as an administrator issues one."""
    return issue_link(user, issued_by=None)


def open_enrolment_link(client, user):
    """Use a set-up link in a test client signed in with the password."""
    path = enrolment_link(user)
    return client.post(path)


def sign_in_browser(checker, username: str, password: str):
    """Sign in through the real admin forms in Playwright, second step included.

    A user with an app types its current code; a user without one opens the set-up
    link an administrator would give them and enrols, as new staff do.
    """
    page = checker.page
    page.context.clear_cookies()
    user = get_user_model().objects.get(username=username)
    has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    checker.goto("/admin/login/" if has_device else enrolment_link(user), "desktop")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    if not has_device:
        page.wait_for_url(re.compile(r"/admin/access/enrol/link/"))
        page.click("text=Start setting up")
    page.wait_for_url(re.compile(r"/admin/access/(verify|enrol)/"))
    if "/access/enrol/" in page.url:
        enrol_browser(page)
    else:
        page.fill("#id_code", totp_code(get_app_device(user)))
        page.click("main form.login-form button[type=submit]")
    page.wait_for_url("**/admin/")
    return page


def enrol_browser(page, before_continue=None) -> list[str]:
    """Read the key off the enrolment page, type the app's code, keep the recovery
    codes; ends wherever "continue" leads."""
    secret = page.get_attribute("[data-totp-secret]", "data-totp-secret")
    page.fill("#id_code", code_for_secret(secret))
    page.click("main form.login-form button[type=submit]")
    page.wait_for_selector("[data-recovery-codes]")
    codes = page.locator("[data-recovery-codes] code").all_inner_texts()
    if before_continue:
        before_continue(page)
    page.click("text=I have saved them: continue")
    return codes
