"""The contact page: the inquiry form (contact/flow.py) with the clinic's phone and
crisis line beside it; and the cost page: what care costs, with the insurance
check form."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from lantana.core.blocks import RICH_TEXT_FEATURES
from lantana.core.routing import OneQueryRestrictionsMixin
from notices.choices import NoticeKind
from notices.current import notice_links

from .choices import LeadKind
from .flow import LeadFormPageMixin
from .insurers import Insurer
from .models import DEFAULT_THANK_YOU_TEXT
from .services import Receipt


class ContactPage(LeadFormPageMixin, OneQueryRestrictionsMixin, Page):
    """The contact page: a warm introduction, the inquiry form, and the phone and
    crisis line beside it. Editors write the thank-you message people see after
    sending."""

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    form_heading = models.CharField(max_length=120, default="Send us a message")
    thank_you_heading = models.CharField(
        max_length=120, default="Thank you. Your message reached us."
    )
    thank_you_text = RichTextField(
        features=RICH_TEXT_FEATURES,
        default=DEFAULT_THANK_YOU_TEXT,
        help_text="What happens next, and when. Shown after someone sends the form.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("form_heading"),
        MultiFieldPanel(
            [FieldPanel("thank_you_heading"), FieldPanel("thank_you_text")],
            heading="After sending",
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "contact page"

    preview_modes = [("form", "Form"), ("thanks", "Thank-you message")]

    def get_thank_you(self) -> tuple[str, str]:
        return self.thank_you_heading, self.thank_you_text

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        if mode_name == "thanks":
            context.update(
                sent=True,
                receipt=Receipt(self.lead_kind, "K7QM-X4TB", False),
                thank_you=self.get_thank_you(),
            )
        else:
            context["form"] = self.get_form()
        return context


def contact_page_thank_you() -> tuple[str, str]:
    """The thank-you heading and text of the contact page in the visitor's
    language, or the defaults in that language: what every other lead form says
    after sending. An alias (an untranslated contact page in Spanish) does not
    count."""
    page = (
        ContactPage.objects.live()
        .filter(locale__language_code=translation.get_language(), alias_of__isnull=True)
        .only("thank_you_heading", "thank_you_text")
        .first()
    )
    if page is None:
        return gettext("Thank you. Your message reached us."), gettext(
            DEFAULT_THANK_YOU_TEXT
        )
    return page.get_thank_you()


class CostPage(LeadFormPageMixin, OneQueryRestrictionsMixin, Page):
    """What care costs: the insurers our locations accept (from each location's
    facts), paying for yourself and the sliding fee, what is billed separately and
    your right to a good-faith estimate; with the insurance check form."""

    lead_kind = LeadKind.INSURANCE_CHECK
    form_anchor = "#insurance-check"

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    insurance_text = RichTextField(
        "about insurance",
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Shown above the list of insurers your locations accept.",
    )
    self_pay_text = RichTextField(
        "paying for yourself and the sliding fee",
        features=RICH_TEXT_FEATURES,
        blank=True,
    )
    billed_separately_text = RichTextField(
        "what is billed separately",
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="E.g. laboratory tests, medications from a pharmacy.",
    )
    form_heading = models.CharField(
        max_length=120, default="Check your insurance with us"
    )
    form_intro = models.CharField(max_length=300, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("insurance_text"),
        FieldPanel("self_pay_text"),
        FieldPanel("billed_separately_text"),
        MultiFieldPanel(
            [FieldPanel("form_heading"), FieldPanel("form_intro")],
            heading="Insurance check form",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("self_pay_text"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "cost page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["insurers"] = get_insurers_accepted()
        context["estimate_notice"] = next(
            iter(notice_links([NoticeKind.GOOD_FAITH_ESTIMATE])), None
        )
        return context

    def get_thank_you(self) -> tuple[str, str]:
        return contact_page_thank_you()


def get_insurers_accepted() -> list[Insurer]:
    """Insurers at least one live location page lists as accepted."""
    return list(Insurer.objects.filter(accepted_at__live=True).distinct())
