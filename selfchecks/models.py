"""A self-check page: one published screening questionnaire that scores on the page.

A page type rather than a block in an article's body: each self-check gets its own
address to link to from articles, menus and search, one questionnaire per page keeps
the no-JavaScript result simple (it is the same page, drawn with the result), and
standard pages in `lantana/core` could not carry a block from an app above them.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .instruments import CHOICES, INSTRUMENTS, Instrument, InvalidAnswers, score


class SelfCheckPage(Page):
    """A private self-check (AUDIT-C, AUDIT or DAST-10). Answers are scored in the
    visitor's browser, or by a result page that keeps nothing; we never see them."""

    instrument = models.CharField(max_length=20, choices=CHOICES, default="audit-c")
    intro = models.TextField(
        blank=True,
        max_length=400,
        help_text="A sentence or two above the questions: who it is for, how long.",
    )
    body = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text="Shown after the questions: what the check can and cannot tell.",
    )
    talk_to_us_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where “Talk to us” leads (the callback form if empty). The "
        "visitor's answers are never passed on.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("instrument"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("talk_to_us_page"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["home.HomePage", "core.StandardPage"]
    subpage_types = []

    class Meta:
        verbose_name = "self-check page"

    def clean(self):
        super().clean()
        if self.instrument not in INSTRUMENTS:
            raise ValidationError({"instrument": "Choose one of the self-checks."})

    def get_instrument(self) -> Instrument:
        return INSTRUMENTS[self.instrument]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["instrument"] = self.get_instrument()
        context["questions"] = get_questions(context["instrument"])
        context["talk_to_us"] = (
            self.talk_to_us_page.specific_deferred if self.talk_to_us_page else None
        )
        return context

    def serve_result(self, request) -> TemplateResponse:
        """The page drawn with the result of the posted answers (selfchecks.views).

        Kept nowhere: nothing is written, and the response may not be stored by any
        cache. Bad answers give the form back with a 400.
        """
        instrument = self.get_instrument()
        context = self.get_context(request)
        status = 200
        try:
            context["result"] = score(instrument, request.POST)
        except InvalidAnswers as error:
            context["error"] = error
            # Shown back to the same visitor only, so they need not start over.
            context["questions"] = get_questions(instrument, request.POST, error)
            status = 400
        context["robots_noindex"] = True
        response = TemplateResponse(
            request, self.get_template(request), context, status=status
        )
        response["Cache-Control"] = "private, no-store"
        return response


def get_questions(instrument: Instrument, data=None, error=None) -> list[dict]:
    """Each question with the answer chosen (an index, or None) and whether an
    answer is missing, to draw the form again after a refused post."""
    missing = error.missing if error else ()
    items = []
    for question in instrument.questions:
        value = data.get(question.name, "") if data is not None else ""
        chosen = (
            int(value) if value in CHOICE_INDEXES[: len(question.answers)] else None
        )
        items.append(
            {"question": question, "chosen": chosen, "missing": question in missing}
        )
    return items


CHOICE_INDEXES = [str(index) for index in range(10)]
