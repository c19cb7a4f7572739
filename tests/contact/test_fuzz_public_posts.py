"""The other public POST endpoints, fed hostile input like the lead forms
(test_fuzz_forms.py): the self-check's no-JavaScript result, the insights beacon,
a page's and a document collection's shared-password forms, the staff sign-in and
the password reset request. Never a server error, and nothing stored, sent or
signed in from a post that is not valid (issue 22; figures in
docs/development/security.md, FUZZ_EXAMPLES=1000 for the campaign).
"""

import json
from urllib.parse import quote

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.urls import reverse
from hypothesis import assume, given
from hypothesis import strategies as st
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from demo.factories.core import StandardPageFactory
from demo.factories.selfchecks import SelfCheckPageFactory
from insights.models import Beacon

from .fuzz_strategies import EXAMPLES, FUZZ, HOSTILE_JSON, HOSTILE_TEXT

pytestmark = pytest.mark.django_db

CHROME = (
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Mobile Safari/537.36"
)
JUNK = "&%FF%FE=%ED%A0%80&junk=%C3%28"


def row_counts() -> dict:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def changed(before: dict) -> dict:
    after = row_counts()
    return {
        label: (before[label], after[label])
        for label in after
        if after[label] != before[label]
    }


def raw_post(client, url: str, data: dict, raw_junk: bool, **extra):
    """A form post; with raw_junk, undecodable bytes in the body as well."""
    if not raw_junk:
        return client.post(url, data, **extra)
    body = (
        "&".join(f"{_quote(name)}={_quote(value)}" for name, value in data.items())
        + JUNK
    )
    return client.generic(
        "POST",
        url,
        body.encode(),
        content_type="application/x-www-form-urlencoded",
        **extra,
    )


def _quote(value) -> str:
    return quote(str(value), safe="", errors="surrogatepass")


def tally(statuses: dict, response) -> None:
    statuses[response.status_code] = statuses.get(response.status_code, 0) + 1


# --- The self-check's result (scores the answers, keeps nothing) --------------------
ANSWER_NAMES = ["q1", "q2", "q3", "q4", "q5", "q10", "q0", "q-1", "csrfmiddlewaretoken"]


def test_hostile_answers_to_the_self_check_result(client, home):
    check = SelfCheckPageFactory(parent=home, instrument="audit-c")
    url = reverse("selfchecks:result", args=[check.pk])
    client.get(check.url)  # site settings made on first use are not the posts' doing
    before = row_counts()
    statuses = {}

    @FUZZ
    @given(
        answers=st.dictionaries(
            st.one_of(st.sampled_from(ANSWER_NAMES), HOSTILE_TEXT),
            HOSTILE_TEXT,
            max_size=8,
        ),
        raw_junk=st.booleans(),
    )
    def fuzz(answers, raw_junk):
        response = raw_post(
            client, url, answers, raw_junk, headers={"Sec-Fetch-Site": "same-origin"}
        )
        tally(statuses, response)
        assert response.status_code in (200, 400), response.status_code
        assert "public" not in response.get("Cache-Control", "")

    fuzz()
    # Scoring keeps nothing, valid answers or not.
    assert changed(before) == {}
    assert sum(statuses.values()) >= EXAMPLES
    print(f"\nself-check: {sum(statuses.values())} hostile posts, statuses {statuses}")


# --- The insights beacon ------------------------------------------------------------
VIEW = {"p": "/", "t": "home.HomePage", "r": "www.google.com", "e": [["view"]]}
BEACON_KEYS = ["p", "t", "r", "c", "a", "e", "v"]
# Each makes a beacon invalid whatever the other keys hold.
BEACON_BREAKERS = [
    ("x", 1),  # an unknown key
    ("t", None),  # the page type missing
    ("t", "home.NoSuchPage"),
    ("t", "<script>.X"),
    ("p", "no-slash"),
    ("p", "/\u202e"),
    ("p", ["/"]),
    ("e", "view"),
    ("e", [["explode"]]),
    ("e", [["view", "inquiry"]]),
    ("e", [["lead_sent", "everyone"]]),
    ("e", [["view"]] * 9),
    ("v", {"lcp": 10**9}),
    ("v", {"cls": -1}),
    ("v", {"ttfb": 1}),
    ("c", "spring sale!"),
    ("r", "EVIL.example/path"),
]


def beacon_body(hostile: dict, breaker: tuple, shape: str) -> bytes:
    data = dict(VIEW)
    data.update(hostile)
    key, value = breaker
    if value is None:
        data.pop(key, None)
    else:
        data[key] = value
    body = json.dumps(data).encode()
    if shape == "junk":
        return body + b"\xff\xfe\xed\xa0\x80"
    if shape == "huge":
        return body + b" " * 4096
    if shape == "list":
        return json.dumps([data]).encode()
    return body


def test_hostile_beacons(client, settings):
    settings.INSIGHTS_BEACON_RATE_LIMIT = (10**9, 60)  # judged on content alone
    url = reverse("insights:beacon")
    statuses = {}

    @FUZZ
    @given(
        hostile=st.dictionaries(st.sampled_from(BEACON_KEYS), HOSTILE_JSON, max_size=7),
        breaker=st.sampled_from(BEACON_BREAKERS),
        shape=st.sampled_from(["json", "json", "junk", "huge", "list"]),
    )
    def fuzz(hostile, breaker, shape):
        response = client.post(
            url,
            beacon_body(hostile, breaker, shape),
            content_type="text/plain",
            headers={"User-Agent": CHROME},
        )
        tally(statuses, response)
        assert response.status_code in (400, 413), (breaker, response.status_code)
        assert not Beacon.objects.exists(), breaker

    fuzz()
    assert sum(statuses.values()) >= EXAMPLES
    # The same endpoint still counts a good beacon.
    good = client.post(
        url, json.dumps(VIEW), content_type="text/plain", headers={"User-Agent": CHROME}
    )
    assert good.status_code == 204 and Beacon.objects.count() == 1
    print(f"\nbeacon: {sum(statuses.values())} hostile posts, statuses {statuses}")


# --- A page's shared password -------------------------------------------------------
PASSED = PageViewRestriction.passed_view_restrictions_session_key


def test_hostile_page_passwords(client, home, settings):
    settings.AXES_FAILURE_LIMIT = 10**9  # judged on content alone, not the limit
    page = StandardPageFactory(parent=home, title="Alumni", slug="alumni")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type="password", password="correct horse battery"
    )
    url = reverse(
        "wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]
    )
    client.get(page.url)  # site settings made on first use are not the posts' doing
    fuzz_password_form(client, url, restriction.pk, PASSED, "page password")


# --- A document collection's shared password ----------------------------------------
DOCUMENT_PASSED = CollectionViewRestriction.passed_view_restrictions_session_key


def test_hostile_document_passwords(client, db, settings):
    settings.AXES_FAILURE_LIMIT = 10**9  # judged on content alone, not the limit
    collection = Collection.get_first_root_node().add_child(name="Alumni files")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type="password",
        password="correct horse battery",  # noqa: S106
    )
    document = get_document_model().objects.create(
        title="Alumni files",
        collection=collection,
        file=ContentFile(b"For alumni only.", name="alumni.txt"),
    )
    url = reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])
    client.get(document.url)  # site settings made on first use are not the posts' doing
    fuzz_password_form(
        client, url, restriction.pk, DOCUMENT_PASSED, "document password"
    )


def fuzz_password_form(client, url, restriction_id, session_key, name):
    """Hostile posts to one of Wagtail's shared-password forms: a 200 or 400 each,
    the restriction never passed, no row changed but the visitor's session."""
    before = row_counts()
    statuses = {}

    @FUZZ
    @given(
        fields=st.dictionaries(
            st.sampled_from(["password", "return_url", "csrfmiddlewaretoken"]),
            HOSTILE_TEXT,
            max_size=3,
        ),
        raw_junk=st.booleans(),
    )
    def fuzz(fields, raw_junk):
        response = raw_post(client, url, fields, raw_junk)
        tally(statuses, response)
        assert response.status_code in (200, 400), response.status_code
        assert restriction_id not in client.session.get(session_key, []), fields

    fuzz()
    # The visitor's own session row may be written by Wagtail's form; nothing else.
    assert set(changed(before)) <= {"sessions.Session"}
    assert sum(statuses.values()) >= EXAMPLES
    print(f"\n{name}: {sum(statuses.values())} hostile posts, statuses {statuses}")


# --- The staff sign-in --------------------------------------------------------------
def test_hostile_staff_sign_ins(client, dana, settings):
    settings.AXES_FAILURE_LIMIT = 10**9  # judged on content alone, not the lock-out
    url = reverse("wagtailadmin_login")
    statuses = {}

    @FUZZ
    @given(
        fields=st.dictionaries(
            st.sampled_from(["username", "password", "next", "remember"]),
            HOSTILE_TEXT,
            max_size=4,
        ),
        raw_junk=st.booleans(),
    )
    def fuzz(fields, raw_junk):
        fields.setdefault("username", dana.username)
        response = raw_post(client, url, fields, raw_junk)
        tally(statuses, response)
        assert response.status_code in (200, 400, 403, 429), response.status_code
        assert "_auth_user_id" not in client.session

    fuzz()
    assert sum(statuses.values()) >= EXAMPLES
    print(
        f"\nstaff sign-in: {sum(statuses.values())} hostile posts, statuses {statuses}"
    )


# --- The password reset request -----------------------------------------------------
def test_hostile_password_reset_requests(client, dana, settings, mailoutbox):
    """A staff account exists; no hostile post names it, so none may send mail."""
    settings.AXES_FAILURE_LIMIT = 10**9  # judged on content alone, not the limit
    url = reverse("wagtailadmin_password_reset")
    client.get(url)  # site settings made on first use are not the posts' doing
    before = row_counts()
    statuses = {}

    @FUZZ
    @given(
        fields=st.dictionaries(
            st.sampled_from(["csrfmiddlewaretoken", "username"]), HOSTILE_TEXT
        ),
        # Well-formed addresses too, so the account look-up itself is fuzzed.
        email=st.one_of(st.none(), HOSTILE_TEXT, st.emails()),
        raw_junk=st.booleans(),
    )
    def fuzz(fields, email, raw_junk):
        assume(email is None or email.strip().lower() != dana.email)
        if email is not None:
            fields["email"] = email
        response = raw_post(client, url, fields, raw_junk)
        tally(statuses, response)
        # 302 to "check your email" for a well-formed address with no account, so
        # the answer reveals nothing; the form again for anything else.
        assert response.status_code in (200, 302, 400), response.status_code
        assert mailoutbox == [], fields

    fuzz()
    assert set(changed(before)) <= {"sessions.Session"}
    assert sum(statuses.values()) >= EXAMPLES
    print(
        f"\npassword reset: {sum(statuses.values())} hostile posts, statuses {statuses}"
    )
