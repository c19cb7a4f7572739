"""Factories for the contact app's pages, shared by tests and demo code."""

import wagtail_factories

from contact.models import ContactPage


class ContactPageFactory(wagtail_factories.PageFactory):
    title = "Contact us"
    slug = "contact"
    intro = "<p>Tell us a little about what is going on.</p>"

    class Meta:
        model = ContactPage
