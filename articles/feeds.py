"""RSS 2.0 and Atom feeds of the latest live articles on the requesting site, one
per language: /feeds/articles/rss/ lists the English articles, /es/feeds/articles/rss/
the Spanish ones (translations only: an English article with no Spanish version yet
is not in the Spanish feed), each with its language set."""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from lantana.core.translated import with_translation

from .models import ArticleIndexPage, ArticlePage, Topic


class MarksTopicLanguage:
    """An item's categories (its topics) carry xml:lang when their names are
    not in the feed's language: under /es/, a topic nobody has translated yet
    keeps its English name (as `lang="en"` marks it on the pages)."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "categories": ()})
        for name, language in zip(
            item["categories"], item["category_languages"], strict=True
        ):
            marked = {} if language == self.feed["language"] else {"xml:lang": language}
            self.add_category(handler, name, marked)


class TopicsRss(MarksTopicLanguage, Rss201rev2Feed):
    def add_category(self, handler, name, attrs):
        handler.addQuickElement("category", name, attrs)


class TopicsAtom(MarksTopicLanguage, Atom1Feed):
    def add_category(self, handler, name, attrs):
        handler.addQuickElement("category", "", {"term": name, **attrs})


class LatestArticlesFeed(Feed):
    feed_type = TopicsRss
    title = _("Lantana Recovery: articles")
    description = _(
        "Plain-language articles on addiction, recovery and family life, "
        "written and clinically reviewed by Lantana's clinicians."
    )
    limit = 20

    def get_object(self, request, *args, **kwargs):
        self.request = request
        self.root = self.get_root(Site.find_for_request(request))
        return self.root

    def get_root(self, site) -> Page | None:
        """The site's home page in the request's language (None: no such locale)."""
        if site is None:
            return None
        language = translation.get_language()
        if language == settings.LANGUAGE_CODE:
            return site.root_page
        return (
            Page.objects.filter(
                translation_key=site.root_page.translation_key,
                locale__language_code=language,
            )
            .only("path", "depth")
            .first()
        )

    def link(self, root):
        index = self.get_index(root)
        if index is not None:
            return index.get_url(self.request)
        return "/" if root is None else root.get_url(self.request) or "/"

    def get_index(self, root):
        if root is None:
            return None
        return ArticleIndexPage.objects.live().descendant_of(root).first()

    def items(self, root):
        if root is None:
            return ArticlePage.objects.none()
        return list(
            ArticlePage.cards()
            .descendant_of(root)
            .filter(alias_of__isnull=True)
            .select_related("author")
            .prefetch_related(None)
            # Articles point at the default language's topics: the feed names
            # each in the feed's language (its translation, when there is one).
            .prefetch_related(
                Prefetch(
                    "topics", queryset=with_translation(Topic.objects.all(), "name")
                )
            )[: self.limit]
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
        return [topic.local_name for topic in item.topics.all()]

    def item_extra_kwargs(self, item):
        default = settings.LANGUAGE_CODE
        return {
            "category_languages": [
                getattr(topic, "local_language", default) for topic in item.topics.all()
            ]
        }


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = TopicsAtom
    subtitle = LatestArticlesFeed.description
