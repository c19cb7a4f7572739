"""Every page type: at most BUDGET queries, the same for small and large content.

Anonymous visitor, page cache off (the test settings), caches warm: the second
GET of a URL is counted, as a visitor after the first would cause.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import ArticleRelatedLink
from contact.insurers import InsurerPlan
from demo.blocks import heading, paragraphs, stream
from demo.factories.articles import TopicFactory
from demo.factories.contact import CostPageFactory, InsurerFactory
from demo.factories.core import ImageFactory, StandardPageFactory
from demo.factories.locations import LocationPageFactory
from demo.factories.staff import (
    ClinicianLocationFactory,
    ClinicianPageFactory,
    TherapeuticApproachFactory,
)
from demo.images import draw_portrait, image_file
from tests.support.caching import publish
from tests.support.languages import spanish_locale, translate

# 9 before the Spanish tree, and again since: the site root in the active language
# and each page's translations (the switcher, hreflang) are kept until the next
# change (lantana.core.routing.localized_root, lantana.core.languages).
BUDGET = 9


def new_image(n: int):
    return ImageFactory(
        description=f"Picture {n}",
        file=image_file(draw_portrait(n, size=(64, 64)), f"picture-{n}.jpg"),
    )


def body(images, related_page=None):
    blocks = [heading("Where to start"), paragraphs("Small steps count.")]
    for n, image in enumerate(images):
        blocks.append(heading(f"Part {n}", "h3"))
        blocks.append(("image", {"image": image.pk, "alt_text": "", "caption": "A"}))
        blocks.append(("quote", {"quote": "One day at a time.", "attribution": ""}))
    if related_page is not None:
        blocks.append(
            (
                "call_to_action",
                {
                    "heading": "Talk to us",
                    "text": "",
                    "link_page": related_page.pk,
                    "link_url": "",
                    "link_label": "Chat",
                },
            )
        )
    return stream(*blocks)


class Site:
    """One piece of each kind; grow() adds many of each to the same pages."""

    def __init__(
        self, home, location, article_index, team_index, contact_page, make_article
    ):
        self.home, self.location, self.articles = home, location, article_index
        self.team, self.make_article = team_index, make_article
        self.contact = contact_page
        self.topics = [TopicFactory(name="Family", slug="family")]
        self.author = self.add_clinician(0)
        self.article = make_article(
            title="First steps",
            topics=self.topics,
            author=self.author,
            reviewer=self.author,
            hero_image=new_image(0),
            body=body([new_image(1)]),
        )
        self.standard = StandardPageFactory(
            parent=home, title="About", slug="about", body=body([new_image(2)], home)
        )
        self.home.hero_image = new_image(3)
        publish(self.home)
        self.cost = CostPageFactory(parent=home)
        self.add_facts(self.location, 1)

    def add_facts(self, location, insurers: int):
        location.care_levels = ["OP", "OIT"]
        location.medications = ["BWN", "NXN"]
        location.payment_options = ["SF", "PI"]
        location.languages = ["EN", "SP"]
        location.age_groups = ["ADLT"]
        location.offers_telehealth = True
        added = [InsurerFactory() for _ in range(insurers)]
        for insurer in added:  # the insurance check lists each insurer's plans
            for plan in ("PPO", "HMO"):
                InsurerPlan.objects.create(insurer=insurer, name=plan)
        location.insurers_accepted.add(*added)
        publish(location)

    def add_clinician(self, n):
        person = ClinicianPageFactory(
            parent=self.team, first_name=f"Sam{n}", photo=new_image(100 + n)
        )
        person.approaches.set([TherapeuticApproachFactory(name=f"Way {n}")])
        ClinicianLocationFactory(clinician=person, location=self.location)
        return publish(person)

    def grow(self, many: int = 5):
        self.topics += [TopicFactory(name=f"Topic {n}") for n in range(many)]
        self.article.topics.set(self.topics)
        others = []
        for n in range(many):
            others.append(
                self.make_article(
                    title=f"More reading {n}",
                    topics=self.topics,
                    author=self.author,
                    reviewer=self.author,
                    hero_image=new_image(200 + n),
                    days_ago=n + 1,
                )
            )
            self.add_clinician(n + 1)
            place = LocationPageFactory(
                parent=self.location.get_parent(), title=f"Place {n}", slug=f"place-{n}"
            )
            ClinicianLocationFactory(clinician=self.author, location=place)
            self.add_facts(place, 2)
            self.author.approaches.add(TherapeuticApproachFactory(name=f"More {n}"))
        for position, other in enumerate(others):
            self.article.related_links.add(
                ArticleRelatedLink(article=other, sort_order=position)
            )
        self.article.body = body([new_image(300 + n) for n in range(many)])
        publish(self.article)
        publish(self.author)
        self.standard.body = body([new_image(400 + n) for n in range(many)], self.home)
        publish(self.standard)
        self.add_facts(self.location, many)

    def translate(self) -> list[str]:
        """Each page type in Spanish (its parents copied), and its URLs."""
        spanish = spanish_locale()
        pages = [
            translate(page, spanish, title=f"{page.title} (es)")
            for page in (self.home, self.article, self.author, self.location)
        ]
        standard = translate(self.standard, spanish, title="Sobre nosotros")
        contact = translate(self.contact, spanish, title="Contacto")
        home, article, author, location = pages
        index, team = article.get_parent(), author.get_parent()
        return [
            home.url,
            standard.url,
            article.url,
            index.url,
            f"{index.url}topic/family/",
            author.url,
            team.url,
            f"{team.url}role/clinical/",
            location.get_parent().url,
            location.url,
            contact.url,
            "/es/chat/",
            "/es/search/?q=steps",
        ]

    def urls(self) -> list[str]:
        return [
            "/",
            self.standard.url,
            self.article.url,
            "/articles/",
            "/articles/topic/family/",
            self.author.url,
            "/team/",
            "/team/role/clinical/",
            self.location.get_parent().url,
            self.location.url,
            "/contact/",
            "/chat/",
            self.cost.url,
            "/estimate/",
            "/search/?q=steps",
            "/feeds/articles/rss/",
            "/feeds/articles/atom/",
            "/sitemap.xml",
        ]


def count(client, url) -> int:
    assert client.get(url).status_code == 200, url  # warm renditions and caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


@pytest.fixture
def every_page_type(
    home, location, article_index, team_index, contact_page, make_article
):
    return Site(home, location, article_index, team_index, contact_page, make_article)


def test_every_page_type_keeps_its_budget_small_and_large(client, every_page_type):
    small = {url: count(client, url) for url in every_page_type.urls()}
    every_page_type.grow()
    large = {url: count(client, url) for url in every_page_type.urls()}
    over = {url: n for url, n in large.items() if n > BUDGET}
    assert not over, f"over {BUDGET} queries: {over}"
    assert large == small


def test_every_page_type_keeps_its_budget_in_spanish(
    client, every_page_type, contact_page
):
    site = every_page_type
    spanish = spanish_locale()
    pages = [
        site.home,
        site.standard,
        site.articles,
        site.article,
        site.team,
        site.author,
        site.location.get_parent().specific,
        site.location,
        contact_page,
        site.cost,
    ]
    urls = [
        translate(page, spanish, title=f"Página {n}").url
        for n, page in enumerate(pages)
    ]
    articles_es, team_es = urls[2], urls[4]
    urls += [f"{articles_es}topic/family/", f"{team_es}role/clinical/"]
    urls += ["/es/chat/", "/es/estimate/", "/es/search/?q=steps"]
    urls += ["/es/feeds/articles/rss/", "/es/feeds/articles/atom/"]
    assert all(url.startswith("/es/") for url in urls)
    counted = {url: count(client, url) for url in urls}
    over = {url: n for url, n in counted.items() if n > BUDGET}
    assert not over, f"over {BUDGET} queries: {over}"


def test_every_page_type_in_spanish_keeps_the_same_budget(client, every_page_type):
    spanish = every_page_type.translate()
    small = {url: count(client, url) for url in spanish}
    every_page_type.grow()
    large = {url: count(client, url) for url in spanish}
    over = {url: n for url, n in large.items() if n > BUDGET}
    assert not over, f"over {BUDGET} queries: {over}"
    assert large == small
