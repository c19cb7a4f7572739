"""Factories for the contact app's pages, shared by tests and demo code."""

import factory
import wagtail_factories

from contact.models import ContactPage, CostPage, Insurer


class ContactPageFactory(wagtail_factories.PageFactory):
    title = "Contact us"
    slug = "contact"
    intro = "<p>Tell us a little about what is going on.</p>"

    class Meta:
        model = ContactPage


class InsurerFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Carolina Health Plan {n}")

    class Meta:
        model = Insurer
        django_get_or_create = ("name",)


class CostPageFactory(wagtail_factories.PageFactory):
    title = "Paying for care"
    slug = "paying-for-care"
    intro = "<p>What care costs, and the ways to pay for it.</p>"
    self_pay_text = "<p>Paying yourself? Ask about our sliding fee.</p>"
    billed_separately_text = "<p>Laboratory tests are billed by the laboratory.</p>"

    class Meta:
        model = CostPage
