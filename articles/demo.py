"""Demo articles: the index, topics and ten articles.

Called by load_demo after the staff demo, so the clinicians named as authors exist.
Safe to run again: it only adds what is missing.
"""

import datetime

from django.db import transaction
from wagtail.models import Page

from lantana.core.demo import get_or_create_image, get_or_create_page
from lantana.core.demo_images import draw_scene
from staff.models import ClinicianPage

from . import demo_content
from .models import ArticleIndexPage, ArticlePage, ArticleRelatedLink, Topic

GARDEN_IMAGE = (
    "Courtyard garden in spring",
    "A quiet courtyard garden with benches among flowering shrubs",
    "garden",
    33,
)


def load(home: Page, stdout) -> None:
    with transaction.atomic():
        # 1. The index page and the topics. Clinical review comes from migrations:
        # creating the index gives it the workflow and its reviewers' permissions.
        index = get_or_create_page(
            home, ArticleIndexPage, "articles", **demo_content.INDEX
        )
        topics = load_topics()
        stdout.write("   - article index and topics ready")

        # 2. The articles, then the editors' related picks between them.
        garden = image(GARDEN_IMAGE)
        today = datetime.date.today()
        articles = {
            slug: load_article(index, slug, fields, topics, garden, today)
            for slug, fields in demo_content.ARTICLES.items()
        }
        load_related(articles)
        stdout.write(f"   - {len(articles)} demo articles ready")


def load_topics() -> dict[str, Topic]:
    topics = {}
    for slug, (name, description) in demo_content.TOPICS.items():
        topic, _ = Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        topics[slug] = topic
    return topics


def image(spec):
    title, alt, kind, seed = spec
    return get_or_create_image(title, alt, lambda: draw_scene(kind, seed, (1600, 900)))


def clinician(slug: str | None):
    if not slug:
        return None
    return ClinicianPage.objects.filter(slug=slug).first()


def load_article(index, slug, spec, topics, garden, today) -> ArticlePage:
    existing = index.get_children().filter(slug=slug).specific().first()
    if existing is not None:
        return existing
    reviewed = today + datetime.timedelta(days=spec["reviewed"])
    author, reviewer = clinician(spec.get("author")), clinician(spec.get("reviewer"))
    body = [
        {
            "type": kind,
            "value": {**value, "image": garden.pk}
            if kind == "image" and value.get("image") == "__garden__"
            else value,
        }
        for kind, value in spec["body"]
    ]
    return get_or_create_page(
        index,
        ArticlePage,
        slug,
        title=spec["title"],
        summary=spec["summary"],
        hero_image=image(spec["image"]),
        body=body,
        author=author,
        reviewer=reviewer,
        publication_date=today + datetime.timedelta(days=spec["published"]),
        # Never claim a review by someone who is not on the site.
        last_reviewed=reviewed if reviewer else None,
        next_review=reviewed + datetime.timedelta(days=365),
        topics=[topics[name] for name in spec["topics"]],
    )


def load_related(articles: dict[str, ArticlePage]) -> None:
    for slug, picks in demo_content.RELATED.items():
        article = articles[slug]
        if article.related_links.exists():
            continue
        for position, pick in enumerate(picks):
            article.related_links.add(
                ArticleRelatedLink(article=articles[pick], sort_order=position)
            )
        article.save_revision().publish()
