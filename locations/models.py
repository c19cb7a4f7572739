"""The clinic's locations: an index and a page per site, with hours and photos (as
bakerydemo's locations/). A location page carries the contact form, routed to it."""

from urllib.parse import quote_plus

from django import forms
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from contact.flow import LeadFormPageMixin
from contact.pages import contact_page_thank_you
from lantana.core.blocks import RICH_TEXT_FEATURES
from lantana.core.images import load_images
from lantana.core.routing import OneQueryRestrictionsMixin

from .availability import current_availability
from .choices import Weekday
from .credentials import credentials_shown
from .facts import location_facts
from .forms import LocationPageForm
from .queries import get_clinicians, get_hours, get_insurers, get_photos
from .structured_data import location_json_ld


class LocationIndexPage(OneQueryRestrictionsMixin, Page):
    """Lists the clinic's locations."""

    intro = models.TextField(blank=True, max_length=400)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["locations.LocationPage"]

    class Meta:
        # Made in lantana/core before this app existed: same table, same content type.
        db_table = "core_locationindexpage"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["locations"] = (
            LocationPage.objects.live()
            .child_of(self)
            .select_related("hero_image")
            .order_by("path")
        )
        return context


class LocationPage(LeadFormPageMixin, OneQueryRestrictionsMixin, Page):
    """One of the clinic's sites: address, hours, how to get there, what happens there.
    It carries the inquiry form; its leads are routed to it."""

    form_anchor = "#location-contact"
    base_form_class = LocationPageForm

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
    accepting_new_patients = models.BooleanField(
        null=True,
        blank=True,
        help_text="Shown for 48 hours after you set it, then hidden until renewed.",
    )
    next_assessment_on = models.DateField(null=True, blank=True, editable=False)
    availability_updated_at = models.DateTimeField(
        null=True, blank=True, editable=False
    )
    # Facts families filter on, as the national locator codes them (facts.py);
    # each list holds locator codes, edited as ticked choices (forms.py).
    care_levels = models.JSONField("levels of care", default=list, blank=True)
    medications = models.JSONField(default=list, blank=True)
    payment_options = models.JSONField(default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)
    age_groups = models.JSONField(default=list, blank=True)
    offers_telehealth = models.BooleanField("offers telehealth", default=False)
    insurers_accepted = ParentalManyToManyField(
        "contact.Insurer", blank=True, related_name="accepted_at"
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
        MultiFieldPanel(
            [
                FieldPanel("accepting_new_patients"),
                FieldRowPanel(
                    [FieldPanel("next_assessment"), FieldPanel("next_assessment_date")]
                ),
            ],
            heading="Availability (shown for 48 hours after each update)",
        ),
        MultiFieldPanel(
            [
                FieldPanel("care_levels"),
                FieldPanel("medications"),
                FieldPanel("payment_options"),
                FieldPanel("insurers_accepted", widget=forms.CheckboxSelectMultiple),
                FieldPanel("languages"),
                FieldPanel("age_groups"),
                FieldPanel("offers_telehealth"),
            ],
            heading="Facts for families (as the national treatment locator codes them)",
        ),
        InlinePanel("hours", heading="Opening hours", label="Day"),
        FieldPanel("hours_notes"),
        FieldPanel("services"),
        InlinePanel("photos", heading="Photos", label="Photo"),
        InlinePanel(
            "credentials",
            heading="Credentials shown",
            label="Credential",
            help_text="Only credentials whose scope covers this location; each "
            "disappears by itself the day after it expires.",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("street_address"),
        index.SearchField("description"),
    ]
    parent_page_types = ["locations.LocationIndexPage"]
    subpage_types = []

    class Meta:
        db_table = "core_locationpage"

    @property
    def address_lines(self) -> list[str]:
        return [self.street_address, f"{self.city}, {self.state} {self.postal_code}"]

    @property
    def directions_url(self) -> str:
        destination = quote_plus(", ".join(self.address_lines))
        return f"https://www.google.com/maps/dir/?api=1&destination={destination}"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["hours"] = get_hours(self)
        context["photos"] = get_photos(self)
        context["clinicians"] = get_clinicians(self)
        load_images(
            [
                (self, "hero_image"),
                *((photo, "image") for photo in context["photos"]),
                *((person, "photo") for person in context["clinicians"]),
            ]
        )
        context["credentials"] = credentials_shown(self)
        context["facts"] = location_facts(self)
        context["insurers"] = get_insurers(self)
        availability = context["availability"] = current_availability(self)
        context["next_assessment"] = (
            availability.next_assessment_label(timezone.localdate())
            if availability
            else ""
        )
        context["json_ld"] = location_json_ld(
            self,
            context["hours"],
            request,
            credentials=context["credentials"],
            availability=context["availability"],
            facts=context["facts"],
            insurers=context["insurers"],
        )
        return context

    def get_lead_location(self):
        return self

    def get_thank_you(self) -> tuple[str, str]:
        return contact_page_thank_you()


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

    class Meta(Orderable.Meta):
        db_table = "core_locationoperatinghours"

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

    class Meta(Orderable.Meta):
        db_table = "core_locationphoto"


# Credentials belong to this app (label "locations").
from .credentials import (  # noqa: E402, F401
    Credential,
    CredentialScope,
    LocationCredential,
)
