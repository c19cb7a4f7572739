"""Demo articles: the index, topics and ten articles.

Loaded after the team, so the clinicians named as authors exist. Safe to run again:
it only adds what is missing.
"""

import datetime

from django.db import transaction
from wagtail.models import Locale, Page

from articles.models import ArticleIndexPage, ArticlePage, ArticleRelatedLink, Topic
from staff.models import ClinicianPage

from .pages import get_or_create_page, scene_image
from .text import read_text, stream_from_text

# Article pictures are drawn wide, for the hero.
ARTICLE_IMAGE_SIZE = (1600, 900)


def load_articles(home: Page, stdout) -> None:
    text = read_text("articles")
    with transaction.atomic():
        # 1. The index page and the topics. Clinical review comes from migrations:
        # creating the index gives it the workflow and its reviewers' permissions.
        index = get_or_create_page(home, ArticleIndexPage, "articles", **text["index"])
        topics = load_topics(text["topics"])
        stdout.write("   - article index and topics ready")

        # 2. The articles, then the editors' related picks between them.
        garden = scene_image(text["garden_image"], ARTICLE_IMAGE_SIZE)
        today = datetime.date.today()
        articles = {
            slug: load_article(index, slug, fields, topics, garden, today)
            for slug, fields in text["articles"].items()
        }
        load_related(articles, text["related"])
        stdout.write(f"   - {len(articles)} demo articles ready")


def load_topics(specs: dict[str, dict]) -> dict[str, Topic]:
    topics = {}
    for slug, fields in specs.items():
        topics[slug], _ = Topic.objects.get_or_create(
            slug=slug, locale=Locale.get_default(), defaults=fields
        )
    return topics


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
    body = stream_from_text(spec["body"])
    for block in body:
        if block["type"] == "image" and block["value"].get("image") == "__garden__":
            block["value"]["image"] = garden.pk
    return get_or_create_page(
        index,
        ArticlePage,
        slug,
        title=spec["title"],
        summary=spec["summary"],
        hero_image=scene_image(spec["image"], ARTICLE_IMAGE_SIZE),
        body=body,
        author=author,
        reviewer=reviewer,
        publication_date=today + datetime.timedelta(days=spec["published"]),
        # Never claim a review by someone who is not on the site.
        last_reviewed=reviewed if reviewer else None,
        next_review=reviewed + datetime.timedelta(days=365),
        topics=[topics[name] for name in spec["topics"]],
    )


def load_related(articles: dict[str, ArticlePage], related: dict) -> None:
    for slug, picks in related.items():
        article = articles[slug]
        if article.related_links.exists():
            continue
        for position, pick in enumerate(picks):
            article.related_links.add(
                ArticleRelatedLink(article=articles[pick], sort_order=position)
            )
        article.save_revision().publish()
