from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Orderable, Page
from wagtail.search import index

from articles.models import ArticleIndexPage, ArticlePage
from staff.models import ClinicianPage, StaffIndexPage

from . import fragments, site_cache
from .blocks import RICH_TEXT_FEATURES, BaseStreamBlock
from .choices import Weekday
from .routing import ChainRoutingMixin, OneQueryRestrictionsMixin
from .structured_data import location_json_ld, organization_json_ld
from .validators import LINK_HELP, validate_link


class User(AbstractUser):
    """Staff who sign in to the admin: editors, clinical reviewers, intake staff."""


class CustomImage(AbstractImage):
    admin_form_fields = Image.admin_form_fields


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(
        CustomImage, on_delete=models.CASCADE, related_name="renditions"
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """The clinic's contact details, crisis line and footer, edited in one place."""

    clinic_name = models.CharField(max_length=120, default="Lantana Recovery")
    phone = models.CharField(
        max_length=30, blank=True, help_text="Main admissions line, e.g. (843) 555-0134"
    )
    text_line = models.CharField(
        max_length=30, blank=True, help_text="A number people can text, if any."
    )
    email = models.EmailField(blank=True)
    crisis_text = models.CharField(
        max_length=200,
        default="In crisis? Call or text 988, the Suicide & Crisis Lifeline.",
    )
    crisis_phone = models.CharField(max_length=20, default="988")
    admissions_hours = models.CharField(
        max_length=200,
        blank=True,
        default="Admissions answers 24 hours a day, 7 days a week.",
    )
    address = models.TextField(blank=True, help_text="Shown in the footer.")
    footer_text = models.TextField(blank=True)
    facebook_url = models.URLField(blank=True, validators=[validate_link])
    instagram_url = models.URLField(blank=True, validators=[validate_link])
    linkedin_url = models.URLField(blank=True, validators=[validate_link])

    panels = [
        FieldPanel("clinic_name"),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("text_line"),
                FieldPanel("email"),
                FieldPanel("admissions_hours"),
                FieldPanel("address"),
            ],
            heading="Contact",
        ),
        MultiFieldPanel(
            [FieldPanel("crisis_text"), FieldPanel("crisis_phone")],
            heading="Crisis line",
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("linkedin_url"),
            ],
            heading="Social links",
        ),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = "Clinic details"

    @classmethod
    def for_site(cls, site):
        # Every page reads it; it changes when an editor saves it (site_cache.py).
        if site is None:
            return super().for_site(site)
        key = site_cache.setting_key(cls, site.pk)
        instance = cache.get(key)
        if instance is None:
            instance = super().for_site(site)
            cache.set(key, instance, site_cache.CHROME_SECONDS)
        return instance

    @property
    def social_links(self) -> list[tuple[str, str]]:
        links = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("LinkedIn", self.linkedin_url),
        ]
        return [(label, url) for label, url in links if url]


class MenuLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(required=False)
    url = blocks.CharBlock(
        required=False,
        max_length=300,
        help_text=f"Used when no page is chosen. {LINK_HELP}",
        validators=[validate_link],
    )
    label = blocks.CharBlock(
        required=False, max_length=40, help_text="Defaults to the page title."
    )

    class Meta:
        icon = "link"


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    """The main menu in the site header."""

    main_menu = StreamField([("link", MenuLinkBlock())], blank=True)

    panels = [FieldPanel("main_menu")]

    class Meta:
        verbose_name = "Main menu"


class HomePage(ChainRoutingMixin, Page):
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
        verbose_name = "home page"

    # The template's {% fragment %}s: drawn once per change (lantana.core.fragments).
    fragment_names = ("json_ld", "content")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["fragments"] = fragments.for_page(self, request, self.fragment_names)
        if context["fragments"].has_all(self.fragment_names):
            return context
        location = self.get_featured_location()
        team = self.get_team()
        latest = self.get_latest_articles()
        self.load_images(location, team, latest)
        indexes = self.get_indexes()
        context.update(
            location=location,
            team=team,
            team_index=indexes.get(StaffIndexPage),
            latest_articles=latest,
            article_index=indexes.get(ArticleIndexPage),
            json_ld=organization_json_ld(self, request),
        )
        return context

    def get_latest_articles(self, count: int = 3):
        cards = ArticlePage.cards().select_related(None).prefetch_related(None)
        return list(cards.descendant_of(self)[:count])

    def get_team(self, count: int = 4):
        return list(
            ClinicianPage.objects.live()
            .descendant_of(self)
            .order_by("sort_order", "last_name")[:count]
        )

    def get_featured_location(self):
        return LocationPage.objects.live().descendant_of(self).first()

    def get_indexes(self) -> dict:
        """The first live team and article index below, as plain pages, in one query."""
        models_by_type = {
            ContentType.objects.get_for_model(model).pk: model
            for model in (StaffIndexPage, ArticleIndexPage)
        }
        indexes = {}
        for page in (
            Page.objects.live()
            .descendant_of(self)
            .filter(content_type__in=models_by_type)
            .order_by("-path")
        ):
            indexes[models_by_type[page.content_type_id]] = page
        return indexes

    def load_images(self, location, team, articles):
        """Every image the page shows, with its renditions, in two queries."""
        holders = [(self, "hero_image"), *((person, "photo") for person in team)]
        holders += [(article, "hero_image") for article in articles]
        if location is not None:
            holders.append((location, "hero_image"))
        ids = {getattr(obj, f"{field}_id") for obj, field in holders} - {None}
        images = (
            CustomImage.objects.filter(pk__in=ids)
            .prefetch_related("renditions")
            .in_bulk()
        )
        for obj, field in holders:
            setattr(obj, field, images.get(getattr(obj, f"{field}_id")))


class StandardPage(OneQueryRestrictionsMixin, Page):
    """A general page: about us, admissions, a programme of care."""

    intro = models.TextField(blank=True, max_length=400)
    hero_image = models.ForeignKey(
        "core.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["core.HomePage", "core.StandardPage"]
    subpage_types = ["core.StandardPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["child_pages"] = self.get_children().live().in_menu().specific()
        return context


class LocationIndexPage(OneQueryRestrictionsMixin, Page):
    """Lists the clinic's locations."""

    intro = models.TextField(blank=True, max_length=400)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["core.LocationPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["locations"] = (
            LocationPage.objects.live()
            .child_of(self)
            .select_related("hero_image")
            .order_by("path")
        )
        return context


class LocationPage(OneQueryRestrictionsMixin, Page):
    """One of the clinic's sites: address, hours, how to get there, what happens there."""

    # ?sent=1 is the visitor's own thank-you state: never from the page cache.
    cache_bypass_params = ("sent",)

    hero_image = models.ForeignKey(
        "core.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    street_address = models.CharField(max_length=200)
    city = models.CharField(max_length=80, default="Charleston")
    state = models.CharField(max_length=2, default="SC")
    postal_code = models.CharField(max_length=10)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    latitude = models.DecimalField(
        max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        max_digits=9, decimal_places=6, null=True, blank=True
    )
    hours_notes = models.CharField(
        max_length=250,
        blank=True,
        help_text="E.g. 'Admissions by phone around the clock.'",
    )
    description = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    services = StreamField(
        [
            (
                "service",
                blocks.StructBlock(
                    [
                        ("name", blocks.CharBlock(max_length=80)),
                        (
                            "description",
                            blocks.TextBlock(required=False, max_length=300),
                        ),
                        ("page", blocks.PageChooserBlock(required=False)),
                    ],
                    icon="tick",
                ),
            )
        ],
        blank=True,
    )

    content_panels = Page.content_panels + [
        FieldPanel("hero_image"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel(
                    [FieldPanel("city"), FieldPanel("state"), FieldPanel("postal_code")]
                ),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading="Address",
        ),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], heading="Contact"),
        InlinePanel("hours", heading="Opening hours", label="Day"),
        FieldPanel("hours_notes"),
        FieldPanel("services"),
        InlinePanel("photos", heading="Photos", label="Photo"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("street_address"),
        index.SearchField("description"),
    ]
    parent_page_types = ["core.LocationIndexPage"]
    subpage_types = []

    @property
    def address_lines(self) -> list[str]:
        return [self.street_address, f"{self.city}, {self.state} {self.postal_code}"]

    @property
    def directions_url(self) -> str:
        from urllib.parse import quote_plus

        destination = quote_plus(", ".join(self.address_lines))
        return f"https://www.google.com/maps/dir/?api=1&destination={destination}"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["hours"] = list(self.hours.all())
        context["photos"] = list(
            self.photos.select_related("image").prefetch_related("image__renditions")
        )
        context["clinicians"] = list(
            ClinicianPage.objects.live()
            .filter(locations__location=self)
            .select_related("photo")
            .prefetch_related("photo__renditions")
            .order_by("sort_order", "last_name")
            .distinct()
        )
        context["json_ld"] = location_json_ld(self, context["hours"], request)
        return context

    def serve(self, request, *args, **kwargs):
        # The page carries the inquiry form, routed to this location (contact app).
        from contact.views import serve_inquiry_page

        return serve_inquiry_page(self, request, *args, location=self, **kwargs)

    def resend_inquiry(self, request):
        from contact.views import inquiry_handler

        return inquiry_handler(self, request, location=self).resend()


class LocationOperatingHours(Orderable):
    location = ParentalKey(LocationPage, on_delete=models.CASCADE, related_name="hours")
    day = models.CharField(max_length=3, choices=Weekday.choices)
    opens = models.TimeField(null=True, blank=True)
    closes = models.TimeField(null=True, blank=True)
    closed = models.BooleanField(default=False, help_text="Tick if closed all day.")

    panels = [
        FieldRowPanel(
            [
                FieldPanel("day"),
                FieldPanel("opens"),
                FieldPanel("closes"),
                FieldPanel("closed"),
            ]
        ),
    ]

    def __str__(self):
        if self.closed or not (self.opens and self.closes):
            return f"{self.get_day_display()}: closed"
        return f"{self.get_day_display()}: {self.opens:%H:%M}–{self.closes:%H:%M}"


class LocationPhoto(Orderable):
    location = ParentalKey(
        LocationPage, on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ForeignKey(
        "core.CustomImage", on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]
