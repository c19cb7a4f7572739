"""Factories for the home page; tests and load_demo build content from the same code."""

import wagtail_factories

from home import models


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Lantana Recovery"
    slug = "home"
    hero_heading = "Recovery is possible, and you do not have to start alone"
    hero_text = "Outpatient addiction treatment in the heart of Charleston."

    class Meta:
        model = models.HomePage
