"""Notices as versioned content: the version in force, its archive at lasting
addresses, frozen once in force, linked from every page's footer."""

import datetime
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from wagtail.models import Page

from demo.factories.notices import NoticeVersionFactory
from notices import current
from notices.choices import NoticeKind
from notices.models import FrozenVersion, NoticeVersion

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def today():
    return timezone.localdate()


@pytest.fixture
def privacy_versions(home):
    first = NoticeVersionFactory(
        kind=NoticeKind.WEBSITE_PRIVACY,
        effective_date=today() - 90 * DAY,
        body="<p>First wording.</p>",
        change_summary="",
    )
    second = NoticeVersionFactory(
        kind=NoticeKind.WEBSITE_PRIVACY,
        effective_date=today(),
        body="<p>Second wording.</p>",
        change_summary="Named our new location.",
    )
    return first, second


def test_the_notice_shows_the_version_in_force(client, privacy_versions):
    response = client.get("/notices/website-privacy/")
    assert response.status_code == 200
    assert b"Second wording." in response.content
    assert b"First wording." not in response.content
    assert b"Version 2" in response.content


def test_each_version_keeps_its_own_address(client, privacy_versions):
    first, second = privacy_versions
    assert first.get_absolute_url() == "/notices/website-privacy/versions/1/"
    response = client.get(first.get_absolute_url())
    assert response.status_code == 200
    assert b"First wording." in response.content
    assert b"This is an earlier version" in response.content
    assert b'name="robots" content="noindex"' in response.content
    current_one = client.get(second.get_absolute_url())
    assert b"This is an earlier version" not in current_one.content


def test_the_archive_lists_every_version_in_force_newest_first(
    client, privacy_versions
):
    NoticeVersionFactory(
        kind=NoticeKind.WEBSITE_PRIVACY,
        effective_date=today() + 10 * DAY,
        body="<p>Not yet.</p>",
    )
    response = client.get("/notices/website-privacy/versions/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("versions/2/") < html.index("versions/1/")
    assert "versions/3/" not in html
    assert "Named our new location." in html


def test_a_scheduled_version_is_not_public_until_its_day(client, privacy_versions):
    scheduled = NoticeVersionFactory(
        kind=NoticeKind.WEBSITE_PRIVACY, effective_date=today() + DAY
    )
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    assert b"Second wording." in client.get("/notices/website-privacy/").content


@pytest.mark.parametrize(
    "url",
    [
        "/notices/no-such-notice/",
        "/notices/website-privacy/",  # none published yet
        "/notices/website-privacy/versions/",
        "/notices/website-privacy/versions/7/",
        "/notices/website-privacy/versions/99999999999999999999999/",
    ],
)
def test_missing_notices_answer_404(client, home, url):
    assert client.get(url).status_code == 404


def test_a_version_in_force_cannot_change(privacy_versions):
    first, _second = privacy_versions
    first.body = "<p>Rewritten.</p>"
    with pytest.raises(ValidationError, match="in force since"):
        first.full_clean()
    with pytest.raises(FrozenVersion):
        first.save()
    first.refresh_from_db()
    assert first.body == "<p>First wording.</p>"


def test_a_scheduled_version_may_still_change(privacy_versions):
    scheduled = NoticeVersionFactory(
        kind=NoticeKind.WEBSITE_PRIVACY, effective_date=today() + 5 * DAY
    )
    scheduled.body = "<p>Better.</p>"
    scheduled.full_clean()
    scheduled.save()


def test_a_new_version_cannot_take_effect_in_the_past(home):
    version = NoticeVersion(
        kind=NoticeKind.WEBSITE_PRIVACY,
        effective_date=today() - DAY,
        body="<p>Backdated.</p>",
    )
    with pytest.raises(ValidationError) as caught:
        version.full_clean()
    assert "cannot take effect in the past" in str(caught.value.message_dict)


def test_privacy_practices_needs_its_substance_use_records_section(home):
    version = NoticeVersion(
        kind=NoticeKind.PRIVACY_PRACTICES,
        effective_date=today(),
        body="<p>How we use health information.</p>",
        substance_use_records="<p> </p>",
    )
    with pytest.raises(ValidationError) as caught:
        version.full_clean()
    assert "substance_use_records" in caught.value.message_dict


def test_the_privacy_practices_notice_shows_the_section(client, home):
    NoticeVersionFactory(kind=NoticeKind.PRIVACY_PRACTICES)
    response = client.get("/notices/privacy-practices/")
    assert b"Records of substance use treatment" in response.content


def test_a_sample_is_marked_for_the_clinics_counsel(client, home):
    NoticeVersionFactory(kind=NoticeKind.NO_PAID_REFERRALS, is_sample=True)
    response = client.get("/notices/no-paid-referrals/")
    assert b"waiting for review by the clinic's counsel" in response.content


def test_the_accessibility_statement_shows_the_recorded_check(
    client, home, settings, tmp_path
):
    settings.ACCESSIBILITY_RECORD = tmp_path / "check.json"
    NoticeVersionFactory(kind=NoticeKind.ACCESSIBILITY)
    response = client.get("/notices/accessibility/")
    assert b"When we last tested" not in response.content  # nothing recorded

    call_command("record_accessibility_check", commit="0123456789abcdef")
    record = json.loads(settings.ACCESSIBILITY_RECORD.read_text())
    assert record["commit"] == "0123456789abcdef"
    response = client.get("/notices/accessibility/")
    assert b"When we last tested" in response.content
    assert today().strftime("%B").encode() in response.content
    assert b"axe-core" in response.content
    assert b"release 0123456" in response.content


def test_an_unreadable_record_shows_no_date(client, home, settings, tmp_path):
    settings.ACCESSIBILITY_RECORD = tmp_path / "check.json"
    settings.ACCESSIBILITY_RECORD.write_text("{not json")
    NoticeVersionFactory(kind=NoticeKind.ACCESSIBILITY)
    response = client.get("/notices/accessibility/")
    assert response.status_code == 200
    assert b"When we last tested" not in response.content


def test_the_record_command_refuses_a_made_up_commit(settings, tmp_path):
    settings.ACCESSIBILITY_RECORD = tmp_path / "check.json"
    with pytest.raises(Exception, match="git commit id"):
        call_command("record_accessibility_check", commit="yesterday")
    assert not settings.ACCESSIBILITY_RECORD.exists()


def every_notice(effective_date=None):
    return [
        NoticeVersionFactory(kind=kind, effective_date=effective_date or today())
        for kind in NoticeKind.values
    ]


FOOTER = re.compile(
    r'<nav class="site-footer__col" aria-labelledby="footer-notices">(.*?)</nav>', re.S
)


def footer_links(html: str) -> list[str]:
    found = FOOTER.search(html)
    assert found, "the footer has no notices"
    return re.findall(r'href="([^"]+)"', found.group(1))


def test_every_published_page_links_every_current_notice(client, location, site):
    every_notice()
    urls = [page.url for page in Page.objects.live().specific() if page.depth > 1]
    urls += ["/notices/", "/notices/accessibility/versions/1/", "/chat/", "/search/"]
    expected = [reverse("notices:current", args=[kind]) for kind in NoticeKind.values]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert footer_links(response.content.decode()) == expected, url
    for target in expected:
        assert client.get(target).status_code == 200, target


def test_the_footer_follows_a_new_notice_the_same_day(client, home):
    NoticeVersionFactory(kind=NoticeKind.WEBSITE_PRIVACY)
    assert footer_links(client.get("/").content.decode()) == [
        "/notices/website-privacy/"
    ]
    NoticeVersionFactory(kind=NoticeKind.NONDISCRIMINATION)
    assert footer_links(client.get("/").content.decode()) == [
        "/notices/nondiscrimination/",
        "/notices/website-privacy/",
    ]


def test_the_footer_costs_no_query_once_read(home, django_assert_num_queries):
    every_notice()
    current.current_notices()
    with django_assert_num_queries(0):
        assert len(current.current_notices()) == len(NoticeKind.values)


def test_a_saved_version_bumps_the_site_wide_generation(home):
    """No freshness of their own: the notices obey the generation every layer does."""
    from lantana.core import generation

    before = generation.current()
    NoticeVersionFactory(kind=NoticeKind.WEBSITE_PRIVACY)
    assert generation.current() > before
    assert [link.number for link in current.current_notices()] == [1]


def test_a_scheduled_version_takes_over_at_midnight(home):
    NoticeVersionFactory(kind=NoticeKind.WEBSITE_PRIVACY, body="<p>Old</p>")
    tomorrow = today() + DAY
    NoticeVersionFactory(kind=NoticeKind.WEBSITE_PRIVACY, effective_date=tomorrow)
    tz = timezone.get_current_timezone()
    last_second = datetime.datetime.combine(tomorrow, datetime.time(0), tz) - (
        datetime.timedelta(seconds=1)
    )
    with freeze_time(last_second):
        assert [link.number for link in current.current_notices()] == [1]
    with freeze_time(last_second + datetime.timedelta(seconds=1)):
        assert [link.number for link in current.current_notices()] == [2]


def test_a_scheduled_version_takes_over_on_its_day(home):
    NoticeVersionFactory(kind=NoticeKind.WEBSITE_PRIVACY, body="<p>Old</p>")
    NoticeVersionFactory(
        kind=NoticeKind.WEBSITE_PRIVACY, effective_date=today() + 2 * DAY
    )
    assert [link.number for link in current.current_notices()] == [1]
    with freeze_time(timezone.now() + 3 * DAY):
        assert [link.number for link in current.current_notices()] == [2]


def count_queries(client, url) -> int:
    client.get(url)  # warm the caches, as a visitor after the first
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_notice_pages_keep_a_fixed_number_of_queries(client, home):
    every_notice(today() - 400 * DAY)
    urls = [
        "/notices/",
        "/notices/website-privacy/",
        "/notices/website-privacy/versions/",
        "/notices/website-privacy/versions/1/",
    ]
    few = {url: count_queries(client, url) for url in urls}
    for n in range(2, 7):
        NoticeVersionFactory(
            kind=NoticeKind.WEBSITE_PRIVACY, effective_date=today() - (400 - n) * DAY
        )
    many = {url: count_queries(client, url) for url in urls}
    assert many == few
    assert max(many.values()) <= 6
