import datetime
import functools
from collections import defaultdict

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.paginator import InvalidPage, Paginator
from django.db import models, transaction
from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.http import Http404
from django.utils import timezone, translation
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    MultipleChooserPanel,
)
from wagtail.blocks import StreamValue
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import (
    AbstractGroupApprovalTask,
    Locale,
    Orderable,
    Page,
    PageViewRestriction,
    TranslatableMixin,
    Workflow,
)
from wagtail.search import index

from lantana.core import fragments
from lantana.core.images import read_images_shown, read_renditions
from lantana.core.routing import PUBLIC_SQL, OneQueryRestrictionsMixin, public_q
from lantana.core.rows import Rows, db_value, read
from lantana.core.templatetags.card_tags import card_rendition_specs, card_renditions
from lantana.core.translated import in_language, translated_list, with_translation
from staff.models import ClinicianPage

from .blocks import ArticleStreamBlock
from .structured_data import SHARE_IMAGE_FILTER, article_json_ld, share_image_url
from .templatetags.article_tags import FIGURE_PICTURE, HERO_PICTURE, rendition_specs
from .text import heading_anchors, reading_minutes, table_of_contents

REVIEW_SOON_DAYS = 30
# The most related articles an editor may choose that the page still shows.
MAX_CHOSEN = 12
# An article's author and reviewer, read with SQL written once (lantana.core.rows).
CLINICIAN_ROWS = Rows(ClinicianPage)


# What a page shows of a topic, in the visitor's language (lantana/core/translated.py).
TOPIC_SHOWN = ("name", "slug", "description")


class Topic(TranslatableMixin, models.Model):
    """A managed vocabulary of article topics (Recovery, Family, …) used to filter.

    Translatable: a Spanish topic is a translation (same translation_key) with its
    own name and slug; articles keep pointing at the English topic.
    """

    name = models.CharField(max_length=60)
    slug = models.SlugField(max_length=60, allow_unicode=True)
    description = models.TextField(blank=True, max_length=300)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "locale"], name="articles_topic_name_per_locale"
            ),
            models.UniqueConstraint(
                fields=["slug", "locale"], name="articles_topic_slug_per_locale"
            ),
        ]

    def __str__(self):
        return self.name


class ArticleIndexPage(OneQueryRestrictionsMixin, RoutablePageMixin, Page):
    """Lists live articles, newest first, with a filter by topic."""

    intro = models.TextField(blank=True, max_length=500)
    per_page = 9
    # The topic filter shows the most used topics; the rest fold under "More topics".
    topic_pills = 8
    # The page cache keeps one copy per page of the listing, ignoring other params.
    cache_query_params = ("page",)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.ArticlePage"]

    class Meta:
        verbose_name = "article index"

    @path("")
    def all_articles(self, request):
        return self.render_listing(request, topic=None)

    @path("topic/<str:topic_slug>/")
    def topic_articles(self, request, topic_slug):
        # The visitor's language's slug first, then the default language's.
        found = sorted(
            with_translation(
                in_language(Topic.objects.filter(slug=topic_slug)),
                *TOPIC_SHOWN,
            ).select_related("locale"),
            key=lambda topic: topic.locale.language_code != translation.get_language(),
        )
        if not found:
            raise Http404("No such topic")
        return self.render_listing(request, topic=found[0])

    def render_listing(self, request, topic):
        page_obj = self.paginate(request, self.get_cards(topic))
        return self.render(
            request,
            context_overrides={
                "canonical_url": self.get_listing_url(request, topic, page_obj.number),
                "articles": page_obj,
                "current_topic": topic,
                **self.get_topic_filter(topic, request),
                "all_url": self.get_url(request),
            },
        )

    def get_cards(self, topic=None) -> "ArticleCards":
        """ArticlePage.cards().child_of(self), of `topic` when given."""
        rows = card_rows(False)
        path, depth = rows.column("path"), rows.column("depth")
        where, params = (
            f"{path} LIKE %s AND {depth} = %s",
            [f"{self.path}%", self.depth + 1],
        )
        if topic is not None:
            # Articles point at the default language's topic (same translation_key).
            through = ArticlePage.topics.through._meta.db_table
            of_topic = (
                f"SELECT tt.articlepage_id FROM {through} tt"  # noqa: S608
                f" INNER JOIN {Topic._meta.db_table} t ON t.id = tt.topic_id"
                " WHERE t.translation_key = %s"
            )
            where += f" AND {rows.column('page_ptr')} IN ({of_topic})"
            params.append(db_value(Topic, "translation_key", topic.translation_key))
        return ArticleCards(where, params)

    def get_listing_url(self, request, topic, number: int) -> str:
        url = self.get_full_url(request) or ""
        if topic is not None:
            url += self.reverse_subpage("topic_articles", args=[topic.local_slug])
        return f"{url}?page={number}" if number > 1 else url

    def paginate(self, request, articles):
        number = request.GET.get("page", "1")
        if not number.isdigit():
            raise Http404("No such page of articles")
        try:
            return Paginator(articles, self.per_page).page(int(number))
        except InvalidPage as error:
            raise Http404("No such page of articles") from error

    def get_topic_filter(self, current=None, request=None) -> dict:
        """The most used topics ("topics", the current one among them) and the rest
        ("more_topics"), so that an import's hundred topics stay one short row."""
        links = self.get_topic_links(current, request)
        first, rest = links[: self.topic_pills], links[self.topic_pills :]
        chosen = [link for link in rest if link["current"]]
        rest = [link for link in rest if not link["current"]]
        return {"topics": first + chosen, "more_topics": rest}

    def get_topic_links(self, current=None, request=None) -> list[dict]:
        """Topics with live articles here, the most used first."""
        topics = with_translation(
            Topic.objects.filter(
                articles__live=True, articles__path__startswith=self.path
            ).annotate(article_count=Count("articles", distinct=True)),
            *TOPIC_SHOWN,
        ).order_by("-article_count", "local_name")
        base = self.get_url(request) or "/"
        return [
            {
                "topic": topic,
                "url": base
                + self.reverse_subpage("topic_articles", args=[topic.local_slug]),
                "current": current is not None
                and topic.translation_key == current.translation_key,
            }
            for topic in topics
        ]

    def topic_url(self, topic, request=None) -> str:
        return self.topic_url_under(self, topic, request)

    @classmethod
    def topic_url_under(cls, index: Page, topic, request=None) -> str:
        """A topic's listing under `index`, which may be a plain (not specific) Page."""
        return (index.get_url(request) or "/") + cls.get_resolver().reverse(
            "topic_articles", topic.local_slug
        )


class ArticlePage(fragments.KeptPartsMixin, OneQueryRestrictionsMixin, Page):
    """A health article: written by a clinician, clinically reviewed, kept current."""

    summary = models.TextField(
        max_length=300,
        help_text="One or two sentences for cards, feeds and search engines.",
    )
    hero_image = models.ForeignKey(
        "core.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Give the image alt text in the image library.",
    )
    body = StreamField(ArticleStreamBlock())
    author = models.ForeignKey(
        "staff.ClinicianPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles_authored",
    )
    reviewer = models.ForeignKey(
        "staff.ClinicianPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles_reviewed",
        verbose_name="clinical reviewer",
        help_text="Filled in when a clinical reviewer approves, if left empty.",
    )
    publication_date = models.DateField(default=timezone.localdate)
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text="Filled in when a clinical reviewer approves, if left empty.",
    )
    next_review = models.DateField(
        "next review due",
        null=True,
        blank=True,
        help_text="Defaults to a year after the last review.",
    )
    topics = ParentalManyToManyField(Topic, blank=True, related_name="articles")
    keywords = models.CharField(
        max_length=500,
        blank=True,
        help_text="Words site search should find this article by, comma separated "
        "(WordPress tags land here). Not shown on the page.",
    )
    reading_time = models.PositiveSmallIntegerField(
        default=1, editable=False, help_text="Minutes, counted from the body."
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("author"), FieldPanel("reviewer")]),
                FieldRowPanel(
                    [
                        FieldPanel("publication_date"),
                        FieldPanel("last_reviewed"),
                        FieldPanel("next_review"),
                    ]
                ),
            ],
            heading="Authorship and clinical review",
        ),
        FieldPanel("topics"),
        FieldPanel("keywords"),
        MultipleChooserPanel(
            "related_links",
            chooser_field_name="article",
            heading="Related articles",
            label="Article",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.SearchField("keywords"),
        index.FilterField("publication_date"),
    ]
    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "article"

    def save(self, *args, **kwargs):
        self.reading_time = reading_minutes(list(self.body.raw_data))
        if self.last_reviewed and not self.next_review:
            self.next_review = self.last_reviewed + datetime.timedelta(days=365)
        return super().save(*args, **kwargs)

    def get_workflow(self):
        """The clinical review workflow, wherever the article sits in the tree.

        Wagtail assigns "Moderators approval" to the root, so an article would
        otherwise inherit that. The workflow is the one holding a clinical review
        task: its name is the administrators' to change. One assigned to the
        article's own index wins, so an index may have its own clinical workflow.
        """
        if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
            return None
        inherited = super().get_workflow()
        if inherited is not None and is_clinical_review_workflow(inherited):
            return inherited
        return get_clinical_review_workflow() or inherited

    @property
    def has_workflow(self):
        return self.get_workflow() is not None

    @classmethod
    def cards(cls):
        """Live public articles with what a card shows, in a fixed number of queries."""
        first_topic = with_translation(
            Topic.objects.filter(articles=OuterRef("pk")), "name"
        ).order_by("local_name", "pk")
        cards = (
            cls.objects.live()
            .filter(public_q())
            # A card never shows the body, the largest field by far.
            .defer("body")
            .select_related("hero_image")
            # Only the renditions a card shows (of about a dozen an image has).
            .prefetch_related(
                models.Prefetch(
                    "hero_image__renditions", queryset=card_renditions("article")
                )
            )
            .annotate(topic_name=Subquery(first_topic.values("local_name")[:1]))
            .order_by("-publication_date", "-first_published_at", "-pk")
        )
        if translation.get_language() not in (None, settings.LANGUAGE_CODE):
            # The language the topic's name is in, for lang="en" on the card
            # while nobody has translated the topic.
            cards = cards.annotate(
                topic_language=Subquery(first_topic.values("local_language")[:1])
            )
        return cards

    @property
    def review_is_current(self) -> bool:
        return bool(self.next_review and self.next_review >= timezone.localdate())

    # What the template's kept parts show ({% wagtailpagecache %}): computed
    # only when one is drawn (lantana.core.fragments).
    costly_context = (
        "topics",
        "topic_links",
        "related_articles",
        "body_blocks",
        "toc",
        "breadcrumbs",
        "share_image_url",
        "json_ld",
    )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            fragments.lazy_context(
                lambda: self.get_costly_context(request), self.costly_context
            )
        )
        return context

    def get_costly_context(self, request) -> dict:
        related = self.get_related_articles()
        self.load_clinicians()
        self.load_images(related)
        body, toc = self.get_body_and_toc()
        breadcrumbs = self.get_breadcrumbs()
        topics = self.get_topics()
        index = breadcrumbs[-2] if len(breadcrumbs) > 1 else None
        values = {
            "topics": topics,
            "topic_links": [
                (topic, ArticleIndexPage.topic_url_under(index, topic, request))
                for topic in topics
                if index is not None and index.specific_class is ArticleIndexPage
            ],
            "related_articles": related,
            "body_blocks": body,
            "toc": toc,
            "breadcrumbs": breadcrumbs,
            "share_image_url": share_image_url(self, request),
        }
        values["json_ld"] = article_json_ld(self, values, request)
        return values

    def get_topics(self) -> list[Topic]:
        """The article's topics by name, each with what translated_list gives
        (`local_name`, `local_slug`, `local_description`; `local_language` outside
        the default language), read with SQL written once."""
        topics = self.topics.all()
        if not isinstance(topics, models.QuerySet):  # a preview's unsaved topics
            return translated_list(topics, *TOPIC_SHOWN)
        language = translation.get_language() or settings.LANGUAGE_CODE
        if language == settings.LANGUAGE_CODE:
            rows = read(Topic, article_topics_sql(False), [self.pk])
            for row in rows:
                for name in TOPIC_SHOWN:
                    setattr(row, f"local_{name}", getattr(row, name))
            return rows
        params = [settings.LANGUAGE_CODE, language, self.pk, language]
        return read(Topic, article_topics_sql(True), params)

    def get_breadcrumbs(self) -> list[Page]:
        # Routing already read the pages on the way (lantana.core.routing).
        ancestors = getattr(self, "route_ancestors", None)
        if ancestors is None:
            ancestors = self.get_ancestors().specific(defer=True)
        return [*(page for page in ancestors if page.depth > 1), self]

    def get_body_and_toc(self):
        """The body as (block, anchor) pairs and the nested table of contents."""
        blocks = list(self.body)
        headings = [block for block in blocks if block.block_type == "heading"]
        anchors = heading_anchors([block.value["text"] for block in headings])
        anchor_for = {
            id(block): anchor for block, anchor in zip(headings, anchors, strict=True)
        }
        toc = table_of_contents(
            [
                (block.value["text"], anchor_for[id(block)], block.value["level"])
                for block in headings
            ]
        )
        return [(block, anchor_for.get(id(block))) for block in blocks], toc

    def get_related_articles(self, limit: int = 3) -> list["ArticlePage"]:
        """The editor's choices first, then articles sharing the most topics, to limit.

        Never this article, nor one unpublished, private or in another language;
        one query whatever the number, with what a card shows (`topic_name`;
        images: load_images).
        """
        links = self.related_links.all()
        language = translation.get_language() or settings.LANGUAGE_CODE
        if isinstance(links, models.QuerySet):
            articles = read(
                ArticlePage,
                related_articles_sql(),
                [language, settings.LANGUAGE_CODE, language, language]
                + [*[self.pk] * 3, self.locale_id, self.pk, self.pk]
                + [limit + MAX_CHOSEN],
            )
        else:
            articles = self.get_related_in_preview(limit)
        # Every article the editor chose, then the best of the rest up to `limit`.
        picked = [a for a in articles if a.chosen_rank is not None]
        others = [a for a in articles if a.chosen_rank is None]
        return picked + others[: max(0, limit - len(picked))]

    def get_related_in_preview(self, limit: int) -> list["ArticlePage"]:
        """get_related_articles' candidates for a preview: the editor's unsaved
        choices are in memory, so they are ranked in the query's expressions."""
        chosen, chosen_rank = self.get_chosen_related()
        through = ArticlePage.topics.through
        mine = through.objects.filter(articlepage=self.pk).values("topic")
        sharing = through.objects.filter(topic__in=mine).values("articlepage")
        shared_count = (
            through.objects.filter(articlepage=OuterRef("pk"), topic__in=mine)
            .values("articlepage")
            .annotate(count=Count("*"))
            .values("count")
        )
        return list(
            ArticlePage.cards()
            .exclude(pk=self.pk)
            .filter(locale_id=self.locale_id)
            .filter(Q(pk__in=chosen) | Q(pk__in=sharing))
            .annotate(chosen_rank=chosen_rank, shared=Subquery(shared_count))
            .prefetch_related(None)
            .order_by(
                models.F("chosen_rank").asc(nulls_last=True),
                models.F("shared").desc(nulls_last=True),
                "-publication_date",
                "-pk",
            )[: limit + MAX_CHOSEN]
        )

    def get_chosen_related(self):
        """The editor's unsaved related articles as (ids, rank expression)."""
        links = self.related_links.all()
        ids = [link.article_id for link in sorted(links, key=lambda x: x.sort_order)]
        whens = [When(pk=pk, then=Value(rank)) for rank, pk in enumerate(ids)]
        number = IntegerField()
        rank = Case(*whens, default=None, output_field=number) if whens else None
        return ids, rank if rank is not None else Value(None, output_field=number)

    def load_images(self, related):
        """Hero, body and related-card images, each with only the renditions the
        page shows of it, in two queries."""
        raw_body = list(self.body.raw_data)
        people = [p for p in (self.author, self.reviewer) if p is not None]
        shown = defaultdict(set)
        shown[self.hero_image_id].update(
            rendition_specs(HERO_PICTURE), [SHARE_IMAGE_FILTER]
        )
        for article in related:
            shown[article.hero_image_id].update(card_rendition_specs("article"))
        for person in people:
            shown[person.photo_id].update(card_rendition_specs("clinician"))
        for block in raw_body:
            if block.get("type") == "image":
                image_id = (block.get("value") or {}).get("image")
                shown[image_id].update(rendition_specs(FIGURE_PICTURE))
        images = read_images_shown(shown)
        self.hero_image = images.get(self.hero_image_id)
        for person in people:
            person.photo = images.get(person.photo_id)
        for article in related:
            article.hero_image = images.get(article.hero_image_id)
        image_block = self.body.stream_block.child_blocks["image"]
        for position, block in enumerate(raw_body):
            if block.get("type") != "image":
                continue
            value = dict(block.get("value") or {})
            image = images.get(value.pop("image", None))
            struct = image_block.to_python({**value, "image": None})
            struct["image"] = image
            self.body[position] = StreamValue.StreamChild(
                image_block, struct, id=block.get("id")
            )
        # A call to action linking no page is read without the stream's bulk
        # reading, whose page query Django builds even for no id at all.
        action_block = self.body.stream_block.child_blocks["call_to_action"]
        for position, block in enumerate(raw_body):
            value = block.get("value") or {}
            if block.get("type") == "call_to_action" and not value.get("link_page"):
                self.body[position] = StreamValue.StreamChild(
                    action_block, action_block.to_python(value), id=block.get("id")
                )

    def load_clinicians(self):
        people = CLINICIAN_ROWS.in_bulk([self.author_id, self.reviewer_id])
        self.author = people.get(self.author_id)
        self.reviewer = people.get(self.reviewer_id)


class ArticleRelatedLink(Orderable):
    page = ParentalKey(
        ArticlePage, on_delete=models.CASCADE, related_name="related_links"
    )
    article = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("article")]


class ClinicalReviewTask(AbstractGroupApprovalTask):
    """Group approval in which approving also records who reviewed and when.

    The reviewer is the clinician profile linked to the approving user's account
    (ClinicianPage.user); the editor's own choice of reviewer and dates is never
    overwritten.
    """

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            self.record_review(task_state, user)
        return super().on_action(task_state, user, action_name, **kwargs)

    def record_review(self, task_state, user):
        content = task_state.workflow_state.content_object
        page = content.get_latest_revision().as_object()
        if not isinstance(page, ArticlePage):
            return
        changed = False
        if page.reviewer_id is None:
            clinician = clinician_for_user(user)
            if clinician is not None:
                page.reviewer = clinician
                changed = True
        if page.last_reviewed is None and page.reviewer_id is not None:
            page.last_reviewed = timezone.localdate()
            page.next_review = page.next_review or (
                page.last_reviewed + datetime.timedelta(days=365)
            )
            changed = True
        if changed:
            revision = page.save_revision(user=user, clean=False, log_action=False)
            # The workflow publishes content's latest revision once approved.
            content.latest_revision = revision

    @classmethod
    def get_description(cls):
        return (
            "Members of the chosen groups approve the article; approving fills in "
            "the clinical reviewer (the profile linked to the approver's account) "
            "and the review date if they are empty."
        )

    class Meta:
        verbose_name = "clinical review task"
        verbose_name_plural = "clinical review tasks"


def get_clinical_review_workflow() -> Workflow | None:
    """The oldest active workflow with an active clinical review task in it."""
    return (
        Workflow.objects.filter(
            active=True,
            workflow_tasks__task__in=ClinicalReviewTask.objects.filter(active=True),
        )
        .order_by("pk")
        .first()
    )


def is_clinical_review_workflow(workflow: Workflow) -> bool:
    return workflow.workflow_tasks.filter(
        task__in=ClinicalReviewTask.objects.filter(active=True)
    ).exists()


def get_clinical_reviewer_groups():
    """The groups that approve clinical review tasks, whatever they are called."""
    return Group.objects.filter(
        clinicalreviewtask__in=ClinicalReviewTask.objects.filter(active=True)
    ).distinct()


def clinician_for_user(user):
    """The clinician profile linked to this account, if any."""
    if user is None or not user.pk:
        return None
    return ClinicianPage.objects.filter(user=user).first()


@functools.cache
def related_articles_sql() -> str:
    """get_related_articles' query for a saved article, written out once.

    It is the costliest query of an article page to build with the ORM (three
    subqueries and the private-section test), and its shape never changes, so it
    is plain SQL that PostgreSQL and SQLite both read. Parameters: the
    visitor's language (the topic's name); the default language, the visitor's
    twice (the topic's language); the article's id three times, its
    locale's id, its id twice more, then the number of rows (articles in its own
    language only). Every column but the body is read.
    Only table and column names from the models are formatted in.
    """
    page, article = Page._meta.db_table, ArticlePage._meta.db_table
    topics = ArticlePage.topics.through._meta.db_table
    links = ArticleRelatedLink._meta.db_table
    topic, locale = Topic._meta.db_table, Locale._meta.db_table
    restriction = PageViewRestriction._meta.db_table
    columns = ", ".join(
        f"a.{field.column}"
        for field in ArticlePage._meta.local_concrete_fields
        if field.name != "body"
    )
    # The card's topic: its first by the name shown, in the visitor's language
    # when an editor translated it (then `topic_language` is that language).
    first_topic = f"""
                FROM {topic} t JOIN {topics} tt ON tt.topic_id = t.id
                LEFT JOIN (
                    SELECT s.name, s.translation_key FROM {topic} s
                    JOIN {locale} lo ON lo.id = s.locale_id WHERE lo.language_code = %s
                ) tr ON tr.translation_key = t.translation_key
                WHERE tt.articlepage_id = a.page_ptr_id
                ORDER BY COALESCE(tr.name, t.name), t.id LIMIT 1"""  # noqa: S608
    return f"""
        SELECT p.*, {columns},
            (SELECT COALESCE(tr.name, t.name) {first_topic}) AS topic_name,
            (SELECT CASE WHEN tr.name IS NULL THEN %s ELSE %s END {first_topic})
                AS topic_language,
            (SELECT MIN(l.sort_order) FROM {links} l
                WHERE l.page_id = %s AND l.article_id = a.page_ptr_id) AS chosen_rank,
            (SELECT COUNT(*) FROM {topics} x
                WHERE x.articlepage_id = a.page_ptr_id AND x.topic_id IN (
                    SELECT y.topic_id FROM {topics} y WHERE y.articlepage_id = %s
                )) AS shared
        FROM {article} a JOIN {page} p ON p.id = a.page_ptr_id
        WHERE p.live AND a.page_ptr_id <> %s AND p.locale_id = %s
            AND NOT EXISTS (
                SELECT 1 FROM {restriction} r JOIN {page} rp ON rp.id = r.page_id
                WHERE p.path LIKE rp.path || '%%'
            )
            AND (
                a.page_ptr_id IN (SELECT l.article_id FROM {links} l WHERE l.page_id = %s)
                OR a.page_ptr_id IN (
                    SELECT x.articlepage_id FROM {topics} x WHERE x.topic_id IN (
                        SELECT y.topic_id FROM {topics} y WHERE y.articlepage_id = %s
                    )
                )
            )
        ORDER BY chosen_rank ASC NULLS LAST, shared DESC, a.publication_date DESC,
            p.id DESC
        LIMIT %s
    """  # noqa: S608 (names from the models' _meta; values are parameters)


def first_topic_sql(translated: bool) -> dict[str, str]:
    """cards()' annotations as SQL: `topic_name`, the first of an article's topics
    by the name shown (then by id), and outside the default language
    `topic_language`, the language that name is in (parameters: the visitor's
    language; the default language, the visitor's twice), as with_translation
    names them. Only table and column names are formatted in."""
    topic, topics = Topic._meta.db_table, ArticlePage.topics.through._meta.db_table
    locale, article = Locale._meta.db_table, ArticlePage._meta.db_table
    if not translated:
        first = f"""FROM {topic} t INNER JOIN {topics} tt ON tt.topic_id = t.id
            WHERE tt.articlepage_id = {article}.page_ptr_id
            ORDER BY t.name, t.id LIMIT 1"""  # noqa: S608
        return {"topic_name": f"(SELECT t.name {first})"}
    first = f"""FROM {topic} t INNER JOIN {topics} tt ON tt.topic_id = t.id
        LEFT JOIN (
            SELECT s.name, s.translation_key FROM {topic} s
            INNER JOIN {locale} lo ON lo.id = s.locale_id WHERE lo.language_code = %s
        ) tr ON tr.translation_key = t.translation_key
        WHERE tt.articlepage_id = {article}.page_ptr_id
        ORDER BY COALESCE(tr.name, t.name), t.id LIMIT 1"""  # noqa: S608
    return {
        "topic_name": f"(SELECT COALESCE(tr.name, t.name) {first})",
        "topic_language": f"(SELECT CASE WHEN tr.name IS NULL THEN %s ELSE %s END {first})",
    }


@functools.cache
def article_topics_sql(translated: bool) -> str:
    """An article's topics by name (its id the parameter), as
    `translated_list(article.topics.all(), *TOPIC_SHOWN)` reads them: outside the
    default language (parameters: the default language, the visitor's, the
    article's id, the visitor's language) joined to their translation.
    Only table and column names from the models are formatted in."""
    topic, topics = Topic._meta.db_table, ArticlePage.topics.through._meta.db_table
    mine = f"""SELECT t.* FROM {topic} t WHERE t.id IN (
        SELECT tt.topic_id FROM {topics} tt WHERE tt.articlepage_id = %s
    )"""  # noqa: S608
    if not translated:
        return f"{mine} ORDER BY t.name"
    shown = ", ".join(
        f"COALESCE(t.{name}, q.{name}) AS local_{name}" for name in TOPIC_SHOWN
    )
    return f"""
        SELECT q.*, {shown},
            CASE WHEN t.id IS NULL THEN %s ELSE %s END AS local_language
        FROM ({mine}) q
        LEFT JOIN {topic} t ON t.translation_key = q.translation_key
            AND t.locale_id = (
                SELECT id FROM {Locale._meta.db_table} WHERE language_code = %s
            )
        ORDER BY q.name
    """  # noqa: S608 (names from the models' _meta; values are parameters)


@functools.cache
def card_rows(translated: bool) -> Rows:
    """ArticlePage.cards()' rows: every field but the body, the hero image, the
    topic's annotations; written once per process (lantana.core.rows)."""
    extra = first_topic_sql(translated)
    return Rows(ArticlePage, extra=extra, defer=["body"], related="hero_image")


class ArticleCards:
    """ArticlePage.cards() where `where` (SQL on card_rows' columns, with
    `params`) holds, for a Paginator: counted, and sliced into cards with their
    hero image and the renditions a card shows (the same three queries)."""

    NEWEST_FIRST = ("publication_date", "first_published_at", "page_ptr")

    def __init__(self, where: str, params: list, renditions: bool = True):
        language = translation.get_language() or settings.LANGUAGE_CODE
        translated = language != settings.LANGUAGE_CODE
        self.rows = card_rows(translated)
        default = settings.LANGUAGE_CODE
        self.language = [language, default, language, language] if translated else []
        shown = f"{self.rows.column('live')} AND {PUBLIC_SQL}"
        self.where, self.params = f"{shown} AND {where}", params
        self.renditions = renditions

    def count(self) -> int:
        return self.rows.count(self.where, self.params)

    def __getitem__(self, bounds: slice) -> list:
        order = (f"{self.rows.column(name)} DESC" for name in self.NEWEST_FIRST)
        start = bounds.start or 0
        limit = None if bounds.stop is None else bounds.stop - start
        if limit is not None and limit <= 0:
            return []  # as a QuerySet's empty slice: no query
        cards = self.rows.read(
            self.where,
            self.params,
            ", ".join(order),
            limit=limit,
            offset=start,
            extra_params=self.language,
        )
        if self.renditions:
            images = {card.hero_image_id: card.hero_image for card in cards}
            images.pop(None, None)
            read_renditions(images, card_rendition_specs("article"))
        return cards
