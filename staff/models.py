from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from lantana.core.blocks import RICH_TEXT_FEATURES

from .choices import StaffRole


@register_snippet
class TherapeuticApproach(models.Model):
    """A managed vocabulary of the approaches clinicians practise (CBT, MI, …)."""

    name = models.CharField(max_length=80, unique=True)
    description = models.TextField(blank=True, max_length=400)

    panels = [FieldPanel("name"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class StaffIndexPage(Page):
    """The team: every live clinician as a card, grouped by role."""

    intro = models.TextField(blank=True, max_length=500)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["staff.ClinicianPage"]


class ClinicianPage(Page):
    """One clinician's profile; also the author and reviewer of articles."""

    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60)
    credentials = models.CharField(
        max_length=60, blank=True, help_text="Shown after the name, e.g. LMSW, LPC, MD."
    )
    job_title = models.CharField(max_length=120, help_text="E.g. Primary Therapist")
    role = models.CharField(
        max_length=20, choices=StaffRole.choices, default=StaffRole.CLINICAL
    )
    photo = models.ForeignKey(
        "core.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    short_bio = models.TextField(
        blank=True,
        max_length=300,
        help_text="One or two sentences for cards and author boxes.",
    )
    biography = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    specialties = models.TextField(
        blank=True, help_text="One per line, e.g. 'Co-occurring mental health'."
    )
    approaches = ParentalManyToManyField(
        TherapeuticApproach, blank=True, related_name="clinicians"
    )
    licence_number = models.CharField(max_length=40, blank=True)
    licence_state = models.CharField(max_length=2, blank=True)
    sort_order = models.PositiveSmallIntegerField(
        default=100, help_text="Lower numbers come first on the team page."
    )

    content_panels = Page.content_panels + [
        FieldRowPanel(
            [
                FieldPanel("first_name"),
                FieldPanel("last_name"),
                FieldPanel("credentials"),
            ]
        ),
        FieldRowPanel(
            [FieldPanel("job_title"), FieldPanel("role"), FieldPanel("sort_order")]
        ),
        FieldPanel("photo"),
        FieldPanel("short_bio"),
        FieldPanel("biography"),
        FieldPanel("specialties"),
        FieldPanel("approaches"),
        InlinePanel("locations", heading="Practises at", label="Location"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("licence_number"), FieldPanel("licence_state")]
                )
            ],
            heading="Licence (optional)",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("first_name"),
        index.SearchField("last_name"),
        index.SearchField("job_title"),
        index.SearchField("short_bio"),
        index.SearchField("biography"),
        index.SearchField("specialties"),
    ]
    parent_page_types = ["staff.StaffIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "clinician"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def name_with_credentials(self) -> str:
        return (
            f"{self.full_name}, {self.credentials}"
            if self.credentials
            else self.full_name
        )

    @property
    def initials(self) -> str:
        return (self.first_name[:1] + self.last_name[:1]).upper()

    @property
    def specialty_list(self) -> list[str]:
        return [line.strip() for line in self.specialties.splitlines() if line.strip()]


class ClinicianLocation(Orderable):
    clinician = ParentalKey(
        ClinicianPage, on_delete=models.CASCADE, related_name="locations"
    )
    location = models.ForeignKey(
        "core.LocationPage", on_delete=models.CASCADE, related_name="clinician_links"
    )

    panels = [FieldPanel("location")]
