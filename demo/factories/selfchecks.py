"""Factories for self-check pages; tests and load_demo build content from the same code."""

import wagtail_factories

from selfchecks import models


class SelfCheckPageFactory(wagtail_factories.PageFactory):
    title = "Check your drinking"
    slug = "drinking-check"
    instrument = "audit-c"
    intro = "Three questions, under a minute, and only you see the answers."

    class Meta:
        model = models.SelfCheckPage
