"""Fixtures every test folder shares (a pytest plugin, registered in tests/conftest.py):
the site tree, its index pages, the people who use it, and `built_site`, a small whole
site for browser tests. Everything is built from the factories load_demo uses
(demo/factories/), never from the demo's own pages or words.

A folder's conftest.py keeps only what that folder alone needs; plain helpers live in
tests/support/.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache

from articles.models import ArticleRelatedLink
from contact.permissions import get_lead_reviewers_group
from demo.blocks import heading, paragraphs, stream
from demo.factories.articles import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    TopicFactory,
)
from demo.factories.contact import ContactPageFactory, CostPageFactory
from demo.factories.core import (
    ImageFactory,
    StandardPageFactory,
    ensure_root,
    make_site_root,
)
from demo.factories.home import HomePageFactory
from demo.factories.locations import (
    LocationIndexPageFactory,
    LocationOperatingHoursFactory,
    LocationPageFactory,
)
from demo.factories.staff import (
    ClinicianLocationFactory,
    ClinicianPageFactory,
    StaffIndexPageFactory,
)
from demo.images import draw_portrait, image_file
from lantana.core.models import SiteSettings, SiteWording
from staff.choices import StaffRole
from tests.support import leads as lead_support
from tests.support.auth import sign_in
from tests.support.caching import publish
from tests.support.chat import make_available, make_user

# --- every test -----------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


# --- people ---------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin_client, signed in the way every staff test is."""
    return sign_in(client, admin_user)


@pytest.fixture
def dana(db):
    """A colleague in the lead reviewers group, taking live chats now."""
    user = make_user("dana", first_name="Dana", last_name="Pierce")
    make_available(user)
    return user


# --- the site tree and its index pages --------------------------------------------------


@pytest.fixture
def home(db):
    """The home page at the default Site's root, with the clinic's phone and address."""
    root = ensure_root()
    page = HomePageFactory(parent=root)
    site = make_site_root(page)
    clinic = SiteSettings.for_site(site)
    clinic.phone = "(843) 555-0134"
    clinic.address = "65 Wentworth Street\nCharleston, SC 29401"
    clinic.save()
    return page


@pytest.fixture
def site(home):
    return home.get_site()


@pytest.fixture
def location_index(home):
    return LocationIndexPageFactory(parent=home)


@pytest.fixture
def location(location_index):
    page = LocationPageFactory(
        parent=location_index, title="Charleston", slug="charleston"
    )
    LocationOperatingHoursFactory(location=page, day="MON")
    LocationOperatingHoursFactory(
        location=page, day="SUN", opens=None, closes=None, closed=True
    )
    return page


@pytest.fixture
def article_index(home):
    return ArticleIndexPageFactory(parent=home)


@pytest.fixture
def team_index(home):
    return StaffIndexPageFactory(parent=home)


@pytest.fixture
def contact_page(home):
    return ContactPageFactory(parent=home)


@pytest.fixture
def cost_page(home):
    """/paying-for-care/: the cost page, carrying the insurance check form."""
    return CostPageFactory(parent=home)


@pytest.fixture
def lead_pages(contact_page, cost_page):
    """Every page a public lead form posts to (/chat/ and /estimate/ are views)."""
    return contact_page, cost_page


@pytest.fixture
def topic(db):
    return TopicFactory(name="Family", slug="family")


@pytest.fixture
def make_article(article_index):
    """A published article with topics and chosen related articles."""

    def make(topics=(), related=(), days_ago=0, live=True, **fields):
        fields.setdefault(
            "publication_date", datetime.date.today() - datetime.timedelta(days_ago)
        )
        article = ArticlePageFactory(parent=article_index, **fields)
        article.topics.set(list(topics))
        for position, other in enumerate(related):
            article.related_links.add(
                ArticleRelatedLink(article=other, sort_order=position)
            )
        revision = article.save_revision()
        if live:
            revision.publish()
        else:
            article.unpublish()
        article.refresh_from_db()
        return article

    return make


@pytest.fixture
def photo(db):
    """A small portrait: renditions of many stay quick to make."""
    return ImageFactory(
        description="Portrait placeholder",
        file=image_file(draw_portrait(1, size=(96, 96)), "portrait.jpg"),
    )


@pytest.fixture
def clinician(team_index, location, photo):
    """A clinician with a photo who practises at the location."""
    person = ClinicianPageFactory(
        parent=team_index, first_name="Maya", last_name="Okafor", photo=photo
    )
    ClinicianLocationFactory(clinician=person, location=location)
    return publish(person)


# --- a whole small site, for browser tests ----------------------------------------------

ARTICLE_SECTIONS = ["Where to begin", "Hope and resilience", "Bringing it together"]


@pytest.fixture
def built_site(home, location, article_index, team_index, contact_page, photo):
    """Every page type a visitor meets, with the main menu: two standard pages (one
    with a child), the location, six clinicians (two medical, one without a photo),
    two topics and three articles (the first with a table of contents), the contact
    page. Its pages are attributes; the test reads URLs and names from them."""
    about = StandardPageFactory(parent=home, title="About us", slug="about")
    programs = StandardPageFactory(parent=home, title="Programs", slug="programs")
    StandardPageFactory(parent=programs, title="Day treatment", slug="day-treatment")
    clinicians = [
        ClinicianPageFactory(
            parent=team_index,
            first_name=first,
            last_name=last,
            credentials=credentials,
            role=role,
            photo=None if n == 5 else photo,
        )
        for n, (first, last, credentials, role) in enumerate(
            [
                ("Ana", "Lima", "LMSW", StaffRole.CLINICAL),
                ("Ben", "Ortiz", "MD", StaffRole.MEDICAL),
                ("Cleo", "Park", "NP", StaffRole.MEDICAL),
                ("Dev", "Rao", "LPC", StaffRole.CLINICAL),
                ("Eve", "Stone", "", StaffRole.ADMISSIONS),
                ("Fay", "Tate", "LCSW", StaffRole.CLINICAL),
            ]
        )
    ]
    for person in clinicians:
        ClinicianLocationFactory(clinician=person, location=location)
        publish(person)
    topics = [
        TopicFactory(name="Family", slug="family"),
        TopicFactory(name="Recovery", slug="recovery"),
    ]
    author, reviewer = clinicians[0], clinicians[1]
    articles = [
        ArticlePageFactory(
            parent=article_index,
            title=title,
            hero_image=ImageFactory(),
            author=author,
            reviewer=reviewer,
            last_reviewed=datetime.date.today() - datetime.timedelta(days=30),
            publication_date=datetime.date.today() - datetime.timedelta(days=n),
            body=stream(
                *(
                    block
                    for section in ARTICLE_SECTIONS
                    for block in (
                        heading(section),
                        paragraphs(
                            "Recovery looks different for everyone. " * 12,
                            "Small steady steps add up over weeks and months. " * 10,
                        ),
                    )
                )
            ),
        )
        for n, title in enumerate(
            ["Finding your footing", "Talking with family", "Sleep in recovery"]
        )
    ]
    for article in articles:
        article.topics.set(topics)
        publish(article)
    navigation = SiteWording.get_default()
    navigation.main_menu = [
        {"type": "link", "value": {"page": page.pk, "url": "", "label": ""}}
        for page in (about, programs, team_index, article_index, location, contact_page)
    ]
    navigation.save()
    return SimpleNamespace(
        home=home,
        about=about,
        programs=programs,
        location_index=location.get_parent().specific,
        location=location,
        team_index=team_index,
        clinicians=clinicians,
        medical=[p for p in clinicians if p.role == StaffRole.MEDICAL],
        article_index=article_index,
        articles=articles,
        article=articles[0],
        topics=topics,
        contact_page=contact_page,
    )


# The lead desk's users (its tests, the notices' tests).
@pytest.fixture
def lead_reviewer(db):
    user = lead_support.make_user("reviewer", first_name="Rae", last_name="Viewer")
    user.groups.add(get_lead_reviewers_group())
    return user


@pytest.fixture
def site_editor(db):
    """An editor with admin access, as Wagtail's default Editors group has."""
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    user = lead_support.make_user("editor")
    user.groups.add(group)
    return user
