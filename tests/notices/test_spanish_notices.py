"""Notices in Spanish: each version carries its own Spanish wording beside the
English, so one series of versions, dates and addresses serves both languages;
the Spanish may be added to a version in force once, then stays as written."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import timezone

from demo.factories.notices import NoticeVersionFactory
from demo.notices import load_notices
from demo.text import read_text
from notices.choices import NoticeKind
from notices.models import FrozenVersion, NoticeVersion

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def versions(home):
    first = NoticeVersionFactory(
        kind=NoticeKind.WEBSITE_PRIVACY,
        effective_date=timezone.localdate() - 90 * DAY,
        body="<p>First wording.</p>",
        change_summary="",
    )
    second = NoticeVersionFactory(
        kind=NoticeKind.WEBSITE_PRIVACY,
        effective_date=timezone.localdate(),
        body="<p>Second wording.</p>",
        body_es="<p>Segunda redacción.</p>",
        change_summary="Named our new location.",
        change_summary_es="Nombramos nuestra nueva sede.",
    )
    return first, second


def test_a_spanish_page_shows_the_spanish_wording(client, versions):
    page = soup(client, "/es/notices/website-privacy/")
    prose = page.select_one(".prose")
    assert "Segunda redacción." in prose.get_text()
    assert "Second wording." not in prose.get_text()
    assert not page.select(".prose [lang]") and not page.select(".untranslated-note")
    assert "Versión 2" in page.select_one(".notice__meta").get_text()
    english = soup(client, "/notices/website-privacy/").select_one(".prose")
    assert "Second wording." in english.get_text()


def test_a_version_without_spanish_shows_the_english_marked_english(client, versions):
    page = soup(client, "/es/notices/website-privacy/versions/1/")
    assert page.select_one(".untranslated-note")
    body = page.select_one(".prose > div")
    assert body["lang"] == "en" and "First wording." in body.get_text()
    assert page.html["lang"] == "es"


def test_the_archive_is_one_series_in_both_languages(client, versions):
    page = soup(client, "/es/notices/website-privacy/versions/")
    items = page.select(".notice-archive__item")
    assert [item.a.get_text() for item in items] == ["Versión 2", "Versión 1"]
    assert items[0].span.get_text() == "Nombramos nuestra nueva sede."
    assert items[0].span.get("lang") is None


def test_spanish_may_be_added_to_a_version_in_force_once(versions):
    first, _second = versions
    first.body_es = "<p>Primera redacción.</p>"
    first.full_clean()
    first.save()
    first.body_es = "<p>Reescrita.</p>"
    with pytest.raises(ValidationError, match="in force since"):
        first.full_clean()
    with pytest.raises(FrozenVersion):
        first.save()
    first.refresh_from_db()
    assert first.body_es == "<p>Primera redacción.</p>"
    assert first.number == 1 and first.body == "<p>First wording.</p>"


def test_a_scheduled_versions_spanish_may_still_change(versions):
    scheduled = NoticeVersionFactory(
        kind=NoticeKind.WEBSITE_PRIVACY,
        effective_date=timezone.localdate() + 5 * DAY,
        body_es="<p>Borrador.</p>",
    )
    scheduled.body_es = "<p>Mejor.</p>"
    scheduled.full_clean()
    scheduled.save()


def test_spanish_privacy_practices_needs_its_section_too(home):
    version = NoticeVersion(
        kind=NoticeKind.PRIVACY_PRACTICES,
        effective_date=timezone.localdate(),
        body="<p>How we use health information.</p>",
        substance_use_records="<p>Part 2.</p>",
        body_es="<p>Cómo usamos la información de salud.</p>",
    )
    with pytest.raises(ValidationError) as caught:
        version.full_clean()
    assert "substance_use_records_es" in caught.value.message_dict


def test_the_demo_adds_spanish_to_its_notices_once(home):
    notices = read_text("notices")["notices"]
    load_notices(notices)
    before = {v.pk: (v.body, v.body_es) for v in NoticeVersion.objects.all()}
    assert len(before) == len(notices) == len(NoticeKind.values)
    assert all(body_es.strip() for _body, body_es in before.values())
    privacy = NoticeVersion.objects.get(kind=NoticeKind.PRIVACY_PRACTICES)
    assert privacy.substance_use_records_es and privacy.is_sample
    privacy.full_clean()
    load_notices(notices)
    after = {v.pk: (v.body, v.body_es) for v in NoticeVersion.objects.all()}
    assert after == before


def test_the_demo_translates_notices_already_in_force(home):
    """A database loaded before the Spanish existed gets it, numbers unchanged."""
    notices = read_text("notices")["notices"]
    english_only = {
        kind: {k: v for k, v in text.items() if not k.endswith("_es")}
        for kind, text in notices.items()
    }
    load_notices(english_only)
    assert not NoticeVersion.objects.exclude(body_es="").exists()
    load_notices(notices)
    assert not NoticeVersion.objects.filter(body_es="").exists()
    assert set(NoticeVersion.objects.values_list("number", flat=True)) == {1}
