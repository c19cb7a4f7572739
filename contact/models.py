from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from lantana.core.blocks import RICH_TEXT_FEATURES
from lantana.core.routing import OneQueryRestrictionsMixin

from .choices import ContactMethod, ContactTime, LeadFor, LeadStatus

MESSAGE_MAX_LENGTH = 2000
FIRST_MESSAGE_MAX_LENGTH = 500

DEFAULT_THANK_YOU_TEXT = (
    "<p>Someone from our admissions team will reach out the way you asked, usually "
    "within an hour between 8 am and 8 pm, and first thing the next morning if you "
    "wrote overnight. The call or message is free and confidential, and there is no "
    "pressure to decide anything.</p>"
)


class Lead(models.Model):
    """What an inquiry and a chat request share. Every field here is health information.

    `submission_id` is rendered into each form and makes a repeated post (double
    click, back-and-resubmit, two tabs) store nothing new. `reference` is the short,
    random code the visitor sees and can quote on the phone. `client_key` is a keyed
    hash of the sender's address, kept only to count recent posts per client.
    """

    preferred_name = models.CharField("what we should call you", max_length=80)
    email = models.EmailField(max_length=254, blank=True)
    phone = models.CharField(
        max_length=16, blank=True, help_text="E.164, e.g. +18435550134"
    )
    preferred_method = models.CharField(
        max_length=10, choices=ContactMethod.choices, default=ContactMethod.PHONE
    )
    preferred_time = models.CharField(
        max_length=10, choices=ContactTime.choices, default=ContactTime.ANY
    )
    voicemail_ok = models.BooleanField("safe to leave a voicemail", default=False)
    email_ok = models.BooleanField("safe to email", default=False)
    lead_for = models.CharField(
        "who it is for", max_length=15, choices=LeadFor.choices, default=LeadFor.SELF
    )
    message = models.TextField(blank=True, max_length=MESSAGE_MAX_LENGTH)
    consent = models.BooleanField(default=False)
    location = models.ForeignKey(
        "core.LocationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_path = models.CharField(max_length=300, blank=True)
    utm_source = models.CharField(max_length=100, blank=True)
    utm_medium = models.CharField(max_length=100, blank=True)
    utm_campaign = models.CharField(max_length=100, blank=True)
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    submission_id = models.UUIDField(unique=True, editable=False)
    reference = models.CharField(max_length=12, unique=True, editable=False)
    status = models.CharField(
        max_length=12, choices=LeadStatus.choices, default=LeadStatus.NEW, db_index=True
    )
    is_urgent = models.BooleanField(default=False, db_index=True)
    is_spam = models.BooleanField(default=False, db_index=True)
    spam_reason = models.CharField(max_length=40, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    client_key = models.CharField(max_length=32, blank=True, editable=False)

    kind_label = "Lead"
    # Short machine name used in task arguments and admin URLs ("inquiry", "chat").
    kind = "lead"

    class Meta:
        abstract = True
        ordering = ["-is_urgent", "-received_at"]

    def __str__(self):
        return f"{self.kind_label} #{self.pk}"


class Inquiry(Lead):
    """Sent from the contact page or a location page; the message goes in `message`."""

    kind_label = "Inquiry"
    kind = "inquiry"

    class Meta(Lead.Meta):
        verbose_name = "inquiry"
        verbose_name_plural = "inquiries"
        indexes = [models.Index(fields=["client_key", "received_at"])]


class ChatRequest(Lead):
    """A "Chat with us" request from the dialog or /chat/.

    A chat request carries its short opening words in `first_message` only;
    the inherited `message` field always stays blank for chat requests.
    """

    best_time = models.CharField("best time to reach me", max_length=120, blank=True)
    first_message = models.CharField(max_length=FIRST_MESSAGE_MAX_LENGTH, blank=True)

    kind_label = "Chat request"
    kind = "chat"

    class Meta(Lead.Meta):
        verbose_name = "chat request"
        indexes = [models.Index(fields=["client_key", "received_at"])]


class ContactPage(OneQueryRestrictionsMixin, Page):
    """The contact page: a warm introduction, the inquiry form, and the phone and
    crisis line beside it. Editors write the thank-you message people see after
    sending."""

    # ?sent=1 is the visitor's own thank-you state: never from the page cache.
    cache_bypass_params = ("sent",)

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
    parent_page_types = ["core.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "contact page"

    preview_modes = [("form", "Form"), ("thanks", "Thank-you message")]

    def serve(self, request, *args, **kwargs):
        from .views import serve_inquiry_page

        return serve_inquiry_page(self, request, *args, **kwargs)

    def resend_inquiry(self, request):
        from .views import inquiry_handler

        return inquiry_handler(self, request).resend()

    def get_preview_context(self, request, mode_name):
        from .views import get_preview_extra

        context = super().get_preview_context(request, mode_name)
        context.update(get_preview_extra(self, mode_name))
        return context


NOTE_MAX_LENGTH = 4000


class LeadNote(models.Model):
    """A note intake staff leave on a lead for each other; shown as a timeline."""

    inquiry = models.ForeignKey(
        Inquiry, null=True, blank=True, on_delete=models.CASCADE, related_name="notes"
    )
    chat_request = models.ForeignKey(
        ChatRequest,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    text = models.TextField(max_length=NOTE_MAX_LENGTH)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(inquiry__isnull=False, chat_request__isnull=True)
                    | models.Q(inquiry__isnull=True, chat_request__isnull=False)
                ),
                name="leadnote_belongs_to_one_lead",
            )
        ]

    def __str__(self):
        return f"Note on {self.lead}"

    @property
    def lead(self):
        return self.inquiry or self.chat_request

    @classmethod
    def for_lead(cls, lead) -> dict:
        """The keyword that ties a note to `lead`, whichever kind it is."""
        field = "inquiry" if isinstance(lead, Inquiry) else "chat_request"
        return {field: lead}
