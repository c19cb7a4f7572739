"""RSS 2.0 and Atom feeds of the latest live articles on the requesting site."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from wagtail.models import Site

from .models import ArticleIndexPage, ArticlePage


class LatestArticlesFeed(Feed):
    title = "Lantana Recovery: articles"
    description = (
        "Plain-language articles on addiction, recovery and family life, "
        "written and clinically reviewed by Lantana's clinicians."
    )
    limit = 20

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return Site.find_for_request(request)

    def link(self, site):
        index = self.get_index(site)
        if index is not None:
            return index.get_url(self.request)
        return "/"

    def get_index(self, site):
        if site is None:
            return None
        return ArticleIndexPage.objects.live().descendant_of(site.root_page).first()

    def items(self, site):
        if site is None:
            return ArticlePage.objects.none()
        return list(
            ArticlePage.cards()
            .descendant_of(site.root_page)
            .select_related("author")
            .prefetch_related(None)
            .prefetch_related("topics")[: self.limit]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return self.item_link(item)

    def item_pubdate(self, item):
        return timezone.make_aware(
            datetime.datetime.combine(item.publication_date, datetime.time(9))
        )

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author.name_with_credentials if item.author else None

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description
