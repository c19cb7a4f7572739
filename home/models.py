"""The front door and site search: they show every other app's pages, so they sit on
top of them (as `wagtail start` keeps `home/` and `search/`)."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from articles.models import ArticleCards, ArticleIndexPage, card_rows
from lantana.core import fragments
from lantana.core.images import load_images
from lantana.core.routing import ChainRoutingMixin, live_descendants_sql
from lantana.core.rows import Rows
from locations.models import LocationPage
from staff.models import ClinicianPage, StaffIndexPage

from .structured_data import organization_json_ld

# What the home page shows of the pages below it, read with SQL written once
# (lantana.core.rows).
TEAM_ROWS = Rows(ClinicianPage)
LOCATION_ROWS = Rows(LocationPage)
PAGE_ROWS = Rows(Page)


class HomePage(fragments.KeptPartsMixin, ChainRoutingMixin, Page):
    """The front door: one clear invitation to reach out, then what the clinic offers."""

    hero_heading = models.CharField(
        max_length=120,
        default="Recovery is possible, and you do not have to start alone",
    )
    hero_text = models.TextField(blank=True, max_length=400)
    hero_image = models.ForeignKey(
        "core.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_cta_label = models.CharField(max_length=60, default="Talk to admissions")
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    offerings_heading = models.CharField(max_length=120, default="How we help")
    offerings = StreamField(
        [
            (
                "offering",
                blocks.StructBlock(
                    [
                        ("title", blocks.CharBlock(max_length=80)),
                        ("text", blocks.TextBlock(max_length=300)),
                        ("page", blocks.PageChooserBlock(required=False)),
                    ],
                    icon="tick-inverse",
                ),
            )
        ],
        blank=True,
    )
    team_heading = models.CharField(max_length=120, default="Meet the team")
    articles_heading = models.CharField(max_length=120, default="Latest articles")

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta_label"),
                FieldPanel("hero_cta_page"),
            ],
            heading="Hero",
        ),
        FieldPanel("offerings_heading"),
        FieldPanel("offerings"),
        FieldPanel("team_heading"),
        FieldPanel("articles_heading"),
    ]
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        # Made in lantana/core before this app existed: same table, same content type.
        db_table = "core_homepage"
        verbose_name = "home page"

    # What the template's kept parts show ({% wagtailpagecache %}): computed
    # only when one is drawn (lantana.core.fragments).
    costly_context = (
        "location",
        "team",
        "team_index",
        "latest_articles",
        "article_index",
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
        location = self.get_featured_location()
        team = self.get_team()
        latest = self.get_latest_articles()
        self.load_images(location, team, latest)
        indexes = self.get_indexes()
        return {
            "location": location,
            "team": team,
            "team_index": indexes.get(StaffIndexPage),
            "latest_articles": latest,
            "article_index": indexes.get(ArticleIndexPage),
            "json_ld": organization_json_ld(self, request),
        }

    def get_latest_articles(self, count: int = 3):
        # Their images with every rendition come with the page's others (load_images).
        cards = ArticleCards(*live_descendants_sql(card_rows(False), self), False)
        return cards[:count]

    def get_team(self, count: int = 4):
        where, params = live_descendants_sql(TEAM_ROWS, self)
        order = ", ".join(
            TEAM_ROWS.column(name) for name in ("sort_order", "last_name")
        )
        return TEAM_ROWS.read(where, params, order, count)

    def get_featured_location(self):
        where, params = live_descendants_sql(LOCATION_ROWS, self)
        found = LOCATION_ROWS.read(where, params, LOCATION_ROWS.column("path"), 1)
        return found[0] if found else None

    def get_indexes(self) -> dict:
        """The first live team and article index below, as plain pages, in one query."""
        models_by_type = {
            ContentType.objects.get_for_model(model).pk: model
            for model in (StaffIndexPage, ArticleIndexPage)
        }
        where, params = live_descendants_sql(PAGE_ROWS, self)
        types = ", ".join(["%s"] * len(models_by_type))
        indexes = {}
        for page in PAGE_ROWS.read(
            f"{where} AND {PAGE_ROWS.column('content_type')} IN ({types})",
            [*params, *models_by_type],
            f"{PAGE_ROWS.column('path')} DESC",
        ):
            indexes[models_by_type[page.content_type_id]] = page
        return indexes

    def load_images(self, location, team, articles):
        """Every image the page shows, with its renditions, in two queries."""
        holders = [(self, "hero_image"), *((person, "photo") for person in team)]
        holders += [(article, "hero_image") for article in articles]
        if location is not None:
            holders.append((location, "hero_image"))
        load_images(holders)
