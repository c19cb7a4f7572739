"""Passkeys in Chromium, through its virtual authenticator (DevTools' WebAuthn domain):
an intake user adds one and passes the second step with it; a passkey answer made
for this origin is refused where the server expects another."""

from django_otp_webauthn.models import WebAuthnCredential
from wagtail.models import ModelLogEntry

from access import audit
from contact.permissions import get_lead_reviewers_group
from demo.factories.core import (
    ensure_root,
    make_site_root,
)
from demo.factories.home import HomePageFactory
from lantana.core.models import User
from tests.support.auth import sign_in_browser
from tests.support.browser import assert_admin_accessible

PASSWORD = "a-long-test-password"  # noqa: S105


def virtual_authenticator(page) -> tuple:
    """A platform authenticator (like Touch ID) that always says yes."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    created = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp, created["authenticatorId"]


def password_step(checker, username):
    page = checker.page
    page.context.clear_cookies()
    checker.goto("/admin/login/", "desktop")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/access/verify/**")


def test_intake_adds_a_passkey_and_signs_in_with_it(checker, settings):
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [checker.base]
    assert checker.base.startswith("http://localhost:")
    make_site_root(HomePageFactory(parent=ensure_root()))
    intake = User.objects.create_user("intake", "intake@lantana.example", PASSWORD)
    intake.groups.add(get_lead_reviewers_group())
    page = checker.page
    cdp, authenticator = virtual_authenticator(page)

    # 1. Signed in with the app (set up through an administrator's link), add a passkey.
    sign_in_browser(checker, "intake", PASSWORD)
    checker.goto("/admin/access/passkeys/", "desktop")
    page.click("#passkey-register-button")
    page.wait_for_selector("#passkey-register-status-message[data-status-enum=success]")
    assert WebAuthnCredential.objects.filter(user=intake, confirmed=True).count() == 1
    stored = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert len(stored["credentials"]) == 1
    checker.goto("/admin/access/passkeys/", "phone")
    assert "added" in page.inner_text("[data-passkeys]")
    assert_admin_accessible(checker, "passkeys page")
    checker.screenshot("access-passkeys-phone")
    checker.goto("/admin/access/passkeys/", "desktop")
    checker.screenshot("access-passkeys-desktop")
    assert ModelLogEntry.objects.filter(action=audit.PASSKEY_ADDED).count() == 1

    # 2. Next time: the password, then the passkey instead of a code.
    password_step(checker, "intake")
    page.wait_for_selector("#passkey-verification-button")
    checker.assert_no_axe_violations("second step with a passkey")
    checker.screenshot("access-verify-passkey-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    checker.screenshot("access-verify-passkey-phone")
    page.click("#passkey-verification-button")
    page.wait_for_url("**/admin/")
    checker.goto("/admin/leads/", "desktop")
    assert "/admin/leads/" in page.url
    signed_in = ModelLogEntry.objects.filter(action=audit.SIGN_IN, user=intake)
    assert signed_in.count() == 2  # the app at first, the passkey now
    checker.assert_no_csp_violations("passkey sign-in")

    # 3. A passkey answer signed for this origin, where the server expects another
    #    (as a look-alike site relaying it would present): refused and recorded.
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = ["https://lantana.example"]
    password_step(checker, "intake")
    page.click("#passkey-verification-button")
    page.wait_for_selector(
        "#passkey-verification-status-message[data-status-enum=server-error]"
    )
    assert "/admin/access/verify/" in page.url
    refused = ModelLogEntry.objects.filter(action=audit.PASSKEY_REFUSED, user=intake)
    assert refused.count() == 1
    checker.goto("/admin/leads/", "desktop")
    assert "/admin/access/verify/" in page.url
