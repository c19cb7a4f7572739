"""Factories for articles; tests and demo content build pages from the same code."""

import datetime

import factory
import wagtail_factories
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from articles import models
from staff.models import ClinicianPage, StaffIndexPage

from ..blocks import heading, paragraphs, stream


class TopicFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name, allow_unicode=True))

    class Meta:
        model = models.Topic
        django_get_or_create = ("slug",)


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    title = "Articles"
    slug = "articles"
    intro = "Plain-language reading on addiction, recovery and family life."

    class Meta:
        model = models.ArticleIndexPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Article {n}")
    summary = "A short, kind summary of what this article covers."
    publication_date = factory.LazyFunction(datetime.date.today)
    body = factory.LazyFunction(
        lambda: stream(
            heading("What this is about"),
            paragraphs("Recovery looks different for everyone, and that is fine."),
        )
    )

    class Meta:
        model = models.ArticlePage


def make_clinician(
    parent, slug: str, first_name: str, last_name: str, credentials: str = ""
) -> ClinicianPage:
    """A live clinician under a team page (created on first use) below parent."""
    team = StaffIndexPage.objects.child_of(parent).first()
    if team is None:
        team = StaffIndexPage(title="Our team", slug="team")
        parent.add_child(instance=team)
    clinician = ClinicianPage(
        title=f"{first_name} {last_name}",
        slug=slug,
        first_name=first_name,
        last_name=last_name,
        credentials=credentials,
        job_title="Primary Therapist",
        short_bio=f"{first_name} helps people and families find their footing.",
    )
    team.add_child(instance=clinician)
    return clinician
