from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from lantana.core.blocks import RICH_TEXT_FEATURES
from lantana.core.images import load_images
from lantana.core.routing import (
    OneQueryRestrictionsMixin,
    parent_from_route,
)
from lantana.core.translated import translated_list

from . import queries
from .choices import (
    CREDENTIAL_NAMES,
    ROLE_FILTER_LABELS,
    ROLE_GROUP_HEADINGS,
    StaffRole,
    USState,
)
from .structured_data import clinician_json_ld

# How many articles a profile lists before linking to the article index.
PROFILE_ARTICLE_COUNT = 3


@register_snippet
class TherapeuticApproach(TranslatableMixin, models.Model):
    """A managed vocabulary of the approaches clinicians practise (CBT, MI, …).

    Translatable like Topic: profiles keep pointing at the English approach.
    """

    name = models.CharField(max_length=80)
    description = models.TextField(
        blank=True,
        max_length=400,
        help_text="One or two plain sentences; shown on profiles under the name.",
    )

    panels = [FieldPanel("name"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = "therapeutic approach"
        constraints = [
            models.UniqueConstraint(
                fields=["name", "locale"], name="staff_approach_name_per_locale"
            )
        ]

    def __str__(self):
        return self.name


class StaffIndexPage(OneQueryRestrictionsMixin, RoutablePageMixin, Page):
    """The team: every live clinician as a card, grouped by role.

    /team/ shows every group; /team/role/<role>/ shows one (e.g. /team/role/medical/).
    """

    intro = models.TextField(blank=True, max_length=500)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["staff.ClinicianPage"]

    class Meta:
        verbose_name = "team index page"

    @path("")
    def team(self, request):
        return self.render(request, context_overrides=self.get_team_context(request))

    @path("role/<str:role>/")
    def team_by_role(self, request, role):
        if role not in StaffRole.values:
            raise Http404("No such role")
        return self.render(
            request, context_overrides=self.get_team_context(request, role)
        )

    def get_clinicians(self):
        return list(
            ClinicianPage.objects.live()
            .child_of(self)
            .select_related("photo")
            .prefetch_related("photo__renditions")
            .order_by("sort_order", "last_name", "first_name")
        )

    def get_team_context(self, request=None, role: str | None = None) -> dict:
        clinicians = self.get_clinicians()
        groups = [
            {
                "role": value,
                "heading": ROLE_GROUP_HEADINGS[value],
                "url": self.get_role_url(value, request),
                "clinicians": [c for c in clinicians if c.role == value],
            }
            for value in StaffRole.values
        ]
        groups = [group for group in groups if group["clinicians"]]
        filters = [
            {
                "label": _("Everyone"),
                "url": self.get_url(request),
                "current": role is None,
            },
            *(
                {
                    "label": ROLE_FILTER_LABELS[group["role"]],
                    "url": group["url"],
                    "current": group["role"] == role,
                }
                for group in groups
            ),
        ]
        return {
            "current_role": role,
            "current_heading": ROLE_GROUP_HEADINGS[role] if role else "",
            "groups": [g for g in groups if role in (None, g["role"])],
            "role_filters": filters if len(groups) > 1 else [],
        }

    def get_role_url(self, role: str, request=None) -> str:
        return self.role_url_under(self, role, request)

    @classmethod
    def role_url_under(cls, index: Page, role: str, request=None) -> str:
        """A role's listing under `index`, which may be a plain (not specific) Page."""
        url = index.get_url(request) or "/"
        return url + cls.get_resolver().reverse("team_by_role", role)


class ClinicianPage(OneQueryRestrictionsMixin, Page):
    """One clinician's profile; also the author and reviewer of articles."""

    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60)
    credentials = models.CharField(
        max_length=60,
        blank=True,
        help_text="Shown after the name, separated by commas, e.g. 'LPC, LAC' or 'MD'.",
    )
    job_title = models.CharField(max_length=120, help_text="E.g. Primary Therapist")
    role = models.CharField(
        max_length=20,
        choices=StaffRole.choices,
        default=StaffRole.CLINICAL,
        help_text="The group this person appears in on the team page.",
    )
    photo = models.ForeignKey(
        "core.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A square, friendly head-and-shoulders photo. Its description is "
        "the alt text. Without a photo the page shows the person's initials.",
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
    licence_number = models.CharField("license number", max_length=40, blank=True)
    licence_state = models.CharField(
        "license state", max_length=2, blank=True, choices=USState.choices
    )
    sort_order = models.PositiveSmallIntegerField(
        default=100, help_text="Lower numbers come first on the team page."
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clinician_profile",
        verbose_name="admin account",
        help_text="This clinician's sign-in. When they approve an article in "
        "clinical review, this profile is recorded as its clinical reviewer.",
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
        FieldPanel("approaches", widget=forms.CheckboxSelectMultiple),
        InlinePanel("locations", heading="Practices at", label="Location"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("licence_number"), FieldPanel("licence_state")]
                )
            ],
            heading="License (optional)",
        ),
        # Linking a sign-in to a profile is for those who manage accounts.
        FieldPanel(
            "user", heading="Admin account (optional)", permission="core.change_user"
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
    # One profile per account: a copy starts without one.
    exclude_fields_in_copy = ["user"]

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
    def placeholder_tone(self) -> int:
        """One of four background tones for the initials, stable per person."""
        return sum(map(ord, self.full_name)) % 4

    @property
    def credential_list(self) -> list[str]:
        return [part.strip() for part in self.credentials.split(",") if part.strip()]

    @property
    def credential_details(self) -> list[tuple[str, str]]:
        """(letters, what they stand for or "") for each credential, in order."""
        return [(c, CREDENTIAL_NAMES.get(c, "")) for c in self.credential_list]

    @property
    def specialty_list(self) -> list[str]:
        return [line.strip() for line in self.specialties.splitlines() if line.strip()]

    @property
    def is_physician(self) -> bool:
        return self.role == StaffRole.MEDICAL

    def clean(self):
        super().clean()
        if self.licence_number and not self.licence_state:
            raise ValidationError(
                {"licence_state": "Choose the state that issued this license."}
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        load_images([(self, "photo")])
        locations = self.get_locations()
        approaches = translated_list(self.approaches.all(), "name", "description")
        team_index = self.get_team_index()
        context.update(
            locations=locations,
            approaches=approaches,
            team_index=team_index,
            role_heading=ROLE_GROUP_HEADINGS.get(self.role, ""),
            role_url=StaffIndexPage.role_url_under(team_index, self.role, request)
            if team_index
            else "",
            json_ld=clinician_json_ld(self, locations, approaches, request),
        )
        context.update(self.get_articles_context())
        return context

    def get_team_index(self):
        parent = parent_from_route(self, StaffIndexPage)  # read while routing
        if parent is not None:
            return parent if parent.live else None
        return StaffIndexPage.objects.parent_of(self).live().first()

    def get_locations(self) -> list:
        """The live locations this person practises at, in the editor's order."""
        return queries.get_locations(self)

    def get_articles_context(self) -> dict:
        if self.pk is None:  # a preview of a clinician not saved yet
            return {
                "articles_written": [],
                "articles_reviewed": [],
                "article_index": None,
            }
        # One more than shown, so we know whether to link to the rest; the index
        # is read either way, so a profile costs the same queries however many.
        written, reviewed, article_index = queries.get_articles(
            self, PROFILE_ARTICLE_COUNT + 1
        )
        more = (
            len(written) > PROFILE_ARTICLE_COUNT
            or len(reviewed) > PROFILE_ARTICLE_COUNT
        )
        return {
            "articles_written": written[:PROFILE_ARTICLE_COUNT],
            "articles_reviewed": reviewed[:PROFILE_ARTICLE_COUNT],
            "article_index": article_index if more else None,
        }


class ClinicianLocation(Orderable):
    """A location a clinician practises at; the location page lists them."""

    clinician = ParentalKey(
        ClinicianPage, on_delete=models.CASCADE, related_name="locations"
    )
    location = models.ForeignKey(
        "locations.LocationPage",
        on_delete=models.CASCADE,
        related_name="clinician_links",
    )

    panels = [FieldPanel("location")]

    def __str__(self):
        return f"{self.clinician} at {self.location}"
