"""Private pages and documents need the second step, through every way of signing
in; shared passwords are gone, and any made in code are rate limited (issue 22)."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    PageViewRestriction,
)

from demo.factories.core import StandardPageFactory
from lantana.core.models import User
from tests.support.access import PASSWORD, password_step
from tests.support.auth import get_app_device, sign_in, totp_code

SECRET_TEXT = "CANARY-PRIVATE-4471"


@pytest.fixture
def members(db):
    """Staff: private content is for people who sign in to the admin, where the
    second step lives."""
    group = Group.objects.create(name="Clinical team")
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    return group


@pytest.fixture
def private_page(home):
    page = StandardPageFactory(parent=home, title="Staff handbook", slug="handbook")
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    return page


@pytest.fixture
def group_page(home, members):
    page = StandardPageFactory(parent=home, title="Clinical team", slug="clinical")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type="groups"
    )
    restriction.groups.add(members)
    return page


def document_in(collection_name, restriction_type, groups=()):
    collection = Collection.get_first_root_node().add_child(name=collection_name)
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=restriction_type
    )
    restriction.groups.set(groups)
    return get_document_model().objects.create(
        title=collection_name,
        collection=collection,
        file=ContentFile(SECRET_TEXT.encode(), name=f"{collection_name}.txt"),
    )


@pytest.fixture
def private_document(db):
    return document_in("Private", "login")


@pytest.fixture
def group_document(members):
    return document_in("Team only", "groups", [members])


@pytest.fixture
def member(members):
    user = User.objects.create_user("morgan", "morgan@lantana.example", PASSWORD)
    user.groups.add(members)
    get_app_device(user)
    return user


def private_urls(private_page, group_page, private_document, group_document):
    return [
        private_page.url,
        group_page.url,
        private_document.url,
        group_document.url,
    ]


@pytest.fixture
def urls(private_page, group_page, private_document, group_document):
    return private_urls(private_page, group_page, private_document, group_document)


def assert_sent_to_second_step(client, url):
    response = client.get(url)
    assert response.status_code == 302, url
    assert response["Location"].startswith(reverse("access_verify")), url
    assert (
        "no-cache" in response["Cache-Control"]
        or "no-store" in response["Cache-Control"]
    )
    assert SECRET_TEXT not in str(response.content)


def read(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


# --- Every way of signing in ------------------------------------------------------------


def test_the_admin_password_step_alone_opens_nothing_private(client, member, urls):
    response = password_step(client, username="morgan")
    assert response.status_code == 302
    assert "_auth_user_id" in client.session  # signed in, password only
    for url in urls:
        assert_sent_to_second_step(client, url)


def test_a_session_signed_in_any_other_way_needs_the_second_step_too(member, urls):
    client = Client()
    client.force_login(member)  # e.g. a password reset, or a future sign-in path
    for url in urls:
        assert_sent_to_second_step(client, url)


def test_the_second_step_leads_back_to_the_private_page(client, member, private_page):
    password_step(client, username="morgan")
    verify = client.get(private_page.url)["Location"]
    device = get_app_device(member)
    response = client.post(verify, {"code": totp_code(device)})
    assert response.status_code == 302
    assert response["Location"] == private_page.url
    assert client.get(private_page.url).status_code == 200


def test_a_verified_member_reads_everything(client, member, urls):
    sign_in(client, member)
    for url in urls:
        read(client, url)


def test_someone_signed_out_is_sent_to_the_two_step_sign_in(client, urls):
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login")), url


def test_wagtails_front_end_sign_in_is_the_admins(client, member, private_page):
    response = client.get("/_util/login/?next=" + private_page.url)
    assert response.status_code == 302
    assert response["Location"] == (
        f"{reverse('wagtailadmin_login')}?next={private_page.url}"
    )
    # Posting a password to it signs nobody in: that form is gone.
    response = client.post(
        "/_util/login/", {"username": "morgan", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_front_end_sign_in_never_sends_people_elsewhere(client, db):
    response = client.get("/_util/login/?next=https://evil.example/")
    assert response["Location"] == f"{reverse('wagtailadmin_login')}?next=/"


def test_the_admin_sign_in_is_audited_only_once_both_steps_are_done(
    client, member, private_page
):
    from wagtail.models import ModelLogEntry

    from access import audit

    password_step(client, username="morgan", password="wrong password!")
    password_step(client, username="morgan")
    actions = list(ModelLogEntry.objects.values_list("action", flat=True))
    assert actions == [audit.SIGN_IN_FAILED]
    verify = client.get(private_page.url)["Location"]
    client.post(verify, {"code": totp_code(get_app_device(member))})
    assert ModelLogEntry.objects.filter(action=audit.SIGN_IN).count() == 1


# --- Shared passwords -------------------------------------------------------------------


def test_the_privacy_dialogs_offer_no_shared_password(admin_client, private_page):
    collection = Collection.get_first_root_node().add_child(name="Forms")
    for url in (
        reverse("wagtailadmin_pages:set_privacy", args=[private_page.pk]),
        reverse("wagtailadmin_collections:set_privacy", args=[collection.pk]),
    ):
        html = admin_client.get(url).json()["html"]
        assert 'value="login"' in html, url
        assert 'value="password"' not in html, url


def test_shared_passwords_kept_before_become_sign_in_privacy(private_page, db):
    restriction = PageViewRestriction.objects.get(page=private_page)
    restriction.restriction_type = BaseViewRestriction.PASSWORD
    restriction.password = "sesame"  # noqa: S105
    restriction.save()
    collection = Collection.get_first_root_node().add_child(name="Old")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type="password", password="sesame"
    )
    migration = importlib.import_module("access.migrations.0002_no_shared_passwords")
    migration.replace_shared_passwords(apps, None)
    for model in (PageViewRestriction, CollectionViewRestriction):
        assert set(model.objects.values_list("restriction_type", "password")) == {
            ("login", "")
        }


@pytest.fixture
def password_page(home):
    """A shared password made in code (the admin no longer offers one)."""
    page = StandardPageFactory(parent=home, title="Alumni", slug="alumni")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type="password", password="correct horse battery"
    )
    return page, restriction


def try_password(client, url, password, address="203.0.113.7"):
    return client.post(
        url, {"password": password, "return_url": "/alumni/"}, REMOTE_ADDR=address
    )


def test_the_eleventh_page_password_from_one_address_is_refused(client, password_page):
    page, restriction = password_page
    form = client.get(page.url)
    assert form.status_code == 200
    url = reverse(
        "wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]
    )
    for _ in range(10):
        assert try_password(client, url, "guess").status_code == 200
    # The 11th is refused, even the right one.
    refused = try_password(client, url, "correct horse battery")
    assert refused.status_code == 429
    # Another address still has its own budget.
    assert (
        try_password(client, url, "correct horse battery", "198.51.100.9").status_code
        == 302
    )


def test_document_passwords_are_limited_the_same_way(client, db):
    document = document_in("Alumni files", "password")
    restriction = CollectionViewRestriction.objects.get(collection=document.collection)
    restriction.password = "correct horse battery"  # noqa: S105
    restriction.save()
    url = reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])
    for _ in range(10):
        assert try_password(client, url, "guess").status_code == 200
    assert try_password(client, url, "correct horse battery").status_code == 429
