"""The insurers the clinic works with (a snippet editors keep), which location
pages list as accepted and the insurance check offers as a list, and the clinic's
choice of whether that check also asks a member number and a date of birth."""

from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable
from wagtail.search import index


class Insurer(index.Indexed, ClusterableModel):
    """A health insurer, as families know it ("BlueCross BlueShield of South
    Carolina"), with the plans of it the clinic works with. Location pages say
    which insurers they accept; the insurance check offers insurer and plan."""

    name = models.CharField(max_length=120, unique=True)
    sort_order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers come first in lists."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("sort_order"),
        InlinePanel("plans", heading="Plans", label="Plan"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class InsurerPlan(Orderable):
    """One plan of an insurer, named as it is printed on the card ("BlueChoice
    HealthPlan"), for the insurance check's list."""

    insurer = ParentalKey(Insurer, on_delete=models.CASCADE, related_name="plans")
    name = models.CharField(max_length=120)

    panels = [FieldPanel("name")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["insurer", "name"], name="insurer_plan_name_once"
            )
        ]

    def __str__(self):
        return self.name


@register_setting(icon="form")
class InsuranceCheckSettings(BaseGenericSetting):
    """What the insurance check asks beyond a name, a phone and the plan. A member
    number and a date of birth let intake check benefits before calling back; they
    are asked only when the clinic turns them on."""

    ask_member_number = models.BooleanField(
        "ask for the member number",
        default=False,
        help_text="Stored encrypted; never in emails or exports.",
    )
    ask_date_of_birth = models.BooleanField(
        "ask for the date of birth",
        default=False,
        help_text="Stored encrypted; never in emails or exports.",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("ask_member_number"), FieldPanel("ask_date_of_birth")],
            heading="Insurance check form",
        )
    ]

    class Meta:
        verbose_name = "insurance check"
