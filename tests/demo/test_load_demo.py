"""load_demo: the one place in the suite that runs it (drawing its pictures is slow).

Everything else builds focused pages with the factories (tests/fixtures.py) and
never depends on the demo's slugs or words.
"""

import datetime
import io

from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale, Page, Revision, Site
from wagtail_localize.models import StringTranslation, Translation

from articles.models import ArticlePage, Topic
from articles.reviews import reviews_due
from contact.choices import LeadStatus
from contact.models import (
    CannedReply,
    ContactPage,
    CostPage,
    Insurer,
    InsurerPlan,
    Lead,
)
from demo.insights import DAYS
from demo.leads import load_leads, login_line
from demo.site import load_clinic
from demo.team import load_team
from demo.text import read_text
from insights.models import DailyArrival, DailyPageCount, DailyVitals
from insights.rollup import live_paths
from lantana.core import site_cache
from lantana.core.models import (
    CustomImage,
    SiteSettings,
    SiteWording,
    StandardPage,
    User,
)
from locations.models import LocationPage
from staff.models import ClinicianLocation, ClinicianPage, TherapeuticApproach


def counts() -> dict:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": CustomImage.objects.count(),
        "topics": Topic.objects.count(),
        "approaches": TherapeuticApproach.objects.count(),
        "clinician locations": ClinicianLocation.objects.count(),
        "leads": Lead.objects.count(),
        "canned replies": CannedReply.objects.count(),
        "insurers": Insurer.objects.count(),
        "insurer plans": InsurerPlan.objects.count(),
        "users": User.objects.count(),
        "sites": Site.objects.count(),
        "insight days": DailyPageCount.objects.count(),
        "insight speed rows": DailyVitals.objects.count(),
        "translations": Translation.objects.count(),
        "translated strings": StringTranslation.objects.count(),
        "menu and footer wordings": SiteWording.objects.count(),
    }


def test_load_demo_builds_every_app_once(db, client, settings, tmp_path):
    settings.DEMO_LOGIN_DIR = tmp_path
    first_output = io.StringIO()
    call_command("load_demo", stdout=first_output)
    first = counts()
    again = io.StringIO()
    call_command("load_demo", stdout=again)

    # Idempotent: a second run adds nothing and says where to sign in.
    assert counts() == first
    output = again.getvalue()
    steps = [line for line in output.splitlines() if line[:2].rstrip(".").isdigit()]
    assert [step[:2] for step in steps] == ["1.", "2.", "3.", "4.", "5.", "6."]
    assert "   - 0 Spanish translations made" in output
    assert "   - team page, 8 approaches and 7 clinicians ready" in output
    assert output.index("4.") < output.index("   - ") < output.index("5.")
    assert "Lead desk (intake) login: user 'intake' password '" in output
    assert output.index("Admin login") < output.index("Lead desk (intake) login")

    check_site(client)
    check_team(client)
    check_articles(client)
    check_contact_and_leads()
    check_insights(first_output.getvalue(), output)
    check_costs(client)
    check_spanish(client)


def check_costs(client):
    cost_page = CostPage.objects.live().get(locale__language_code="en")
    charleston = LocationPage.objects.get(slug="charleston", locale__language_code="en")
    assert charleston.care_levels and charleston.offers_telehealth
    accepted = set(charleston.insurers_accepted.values_list("name", flat=True))
    assert accepted == set(Insurer.objects.values_list("name", flat=True))
    html = client.get(cost_page.url).content.decode()
    assert all(name in html for name in accepted)
    assert 'label="TRICARE"' in html and "TRICARE Prime" in html  # the plan list
    assert "Care, payment and languages" in client.get(charleston.url).content.decode()


def check_site(client):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific.__class__.__name__ == "HomePage"
    english = Locale.get_default()
    charleston = LocationPage.objects.get(slug="charleston", locale=english)
    assert charleston.city == "Charleston" and charleston.phone.startswith("(843)")
    assert charleston.hours.count() == 7
    assert SiteSettings.for_site(site).phone == read_text("site")["clinic"]["phone"]
    assert len(SiteWording.get_default().main_menu) >= 4
    for page in Page.objects.live().specific().filter(depth__gt=1):
        assert client.get(page.url).status_code == 200, page.url


def check_team(client):
    team = ClinicianPage.objects.live()
    # The demo articles name these as authors and reviewers.
    named = {
        slug
        for article in read_text("articles")["articles"].values()
        for slug in (article.get("author"), article.get("reviewer"))
        if slug
    }
    assert named <= set(team.values_list("slug", flat=True))
    # Everyone practises at Charleston; no drawn stand-in for a real photo.
    assert set(ClinicianLocation.objects.values_list("location__slug", flat=True)) == {
        "charleston"
    }
    assert not team.filter(photo__isnull=False).exists()
    assert client.get("/team/role/medical/").status_code == 200


def check_articles(client):
    articles = ArticlePage.objects.live().select_related("hero_image")
    assert articles.count() >= 9
    assert Topic.objects.filter(articles__live=True).distinct().count() >= 4
    for article in articles:
        assert article.hero_image.description, article.title
        assert article.summary and article.reading_time >= 1
    assert client.get("/articles/?page=2").status_code == 200
    # One article is overdue for review on purpose: the editors' report shows it.
    assert any(a.next_review < datetime.date.today() for a in reviews_due())
    article = ArticlePage.objects.get(slug="social-model-of-recovery")
    assert article.author.slug == "maya-okafor"
    assert article.reviewer.slug == "daniel-reyes" and article.last_reviewed
    page = BeautifulSoup(client.get(article.url).content, "html.parser")
    assert page.select(".callout") and page.select(".references li")
    assert page.select_one(".byline__review a")["href"] == article.reviewer.url
    assert len(page.select(".related-articles .article-card")) == 3


def check_insights(first: str, again: str):
    """Made-up counts for each of the last 90 days (not today, which the beacons
    fill), for every live page, added once: the dashboard has something to show."""
    assert "   - insights: made-up counts for 90 days ready" in first
    assert "   - insights: every one of the last 90 days already counted" in again
    today = timezone.localdate()
    want = {today - datetime.timedelta(days=n) for n in range(1, DAYS + 1)}
    assert set(DailyPageCount.objects.values_list("day", flat=True)) == want
    paths = set(live_paths())
    assert len(paths) > 10
    for day in (min(want), max(want)):
        assert (
            set(DailyPageCount.objects.filter(day=day).values_list("path", flat=True))
            == paths
        )
    assert DailyPageCount.objects.filter(views__gt=0).exists()
    assert DailyArrival.objects.filter(day=max(want), referrer_class="search").exists()
    assert set(DailyVitals.objects.values_list("metric", flat=True)) == {
        "lcp",
        "inp",
        "cls",
    }
    # The dashboard's "over the good line" has one page type to show.
    assert DailyVitals.objects.filter(
        page_type="articles.ArticlePage", metric="lcp", p75__gt=2500
    ).exists()


def check_contact_and_leads():
    english = Locale.get_default()
    assert ContactPage.objects.get(locale=english).live
    assert StandardPage.objects.filter(slug="privacy", locale=english).count() == 1
    assert set(Lead.objects.values_list("status", flat=True)) == set(LeadStatus.values)
    assert Lead.objects.filter(is_spam=True).exists()
    assert Lead.objects.filter(kind="chat_request").exists()
    intake = User.objects.get(username="intake")
    assert intake.has_perm("contact.change_lead")
    assert not intake.has_perm("contact.delete_lead")


def check_spanish(client):
    """Spanish versions made as wagtail-localize translations, served under /es/."""
    spanish = {
        translation.source.get_source_instance().pk: translation
        for translation in Translation.objects.filter(target_locale__language_code="es")
    }
    pages = [
        Page.objects.get(url_path__endswith=f"/{path}/" if path else "/home/")
        for path in read_text("spanish")["pages"]
    ]
    for page in pages:
        assert page.pk in spanish, page.url_path
        translated = page.get_translation(spanish[page.pk].target_locale)
        assert translated.live and translated.alias_of_id is None
        assert not translated.has_unpublished_changes
        response = client.get(translated.url)
        assert response.status_code == 200, translated.url
        html = BeautifulSoup(response.content, "html.parser")
        assert translated.url.startswith("/es/") and html.html["lang"] == "es"
        assert html.select_one("h1").get_text(strip=True)
        # The translation editor would show every piece written, none left in English.
        assert not spanish[page.pk].get_status_display().startswith("Waiting")
    for model in (SiteWording, Topic, TherapeuticApproach):
        assert model.objects.filter(locale__language_code="es").exists()
    footer = BeautifulSoup(client.get("/es/").content, "html.parser")
    assert not footer.select_one(".site-footer__note").get("lang")


# The steps on their own, on factory-built pages: no full load.


def test_the_demo_leaves_a_real_user_called_intake_alone(home, settings, tmp_path):
    settings.DEMO_LOGIN_DIR = tmp_path
    real = User.objects.create_user(
        "intake", "intake@clinic.example.org", "their-own-password"
    )
    (tmp_path / ".demo-intake-login").write_text("intake stale-password\n")
    out = io.StringIO()
    load_leads(home, out)
    real.refresh_from_db()
    assert real.check_password("their-own-password")
    assert not real.groups.exists()
    assert Group.objects.get(name="Lead reviewers").user_set.count() == 0
    assert "is not the demo's" in out.getvalue()
    assert login_line() is None
    assert Lead.objects.exists()
    assert not Lead.objects.filter(assignee=real).exists()


def test_the_team_loads_without_a_charleston_location(home):
    load_team(home, io.StringIO())
    assert ClinicianPage.objects.live().count() >= 6
    assert ClinicianLocation.objects.count() == 0


def test_the_demo_writes_clinic_details_a_stale_cache_claims_are_there(site, home):
    # A cache kept from an earlier database, e.g. a re-created bench database.
    phone = read_text("site")["clinic"]["phone"]
    SiteSettings.objects.filter(site=site).delete()
    stale = SiteSettings(site=site, phone=phone)
    cache.set(site_cache.setting_key(SiteSettings._meta.label_lower, site.pk), stale)

    load_clinic(site, home)

    assert SiteSettings.objects.get(site=site).phone == phone
