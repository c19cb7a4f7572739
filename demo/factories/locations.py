"""Factories for location pages; tests and load_demo build content from the same code."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from factory.django import DjangoModelFactory

from locations import models
from locations.choices import Weekday


class LocationIndexPageFactory(wagtail_factories.PageFactory):
    title = "Locations"
    slug = "locations"

    class Meta:
        model = models.LocationIndexPage


class LocationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Location {n}")
    street_address = "42 Society Street"
    city = "Charleston"
    state = "SC"
    postal_code = "29401"
    phone = "(843) 555-0134"
    latitude = "32.781200"
    longitude = "-79.932800"

    class Meta:
        model = models.LocationPage


class LocationOperatingHoursFactory(DjangoModelFactory):
    day = Weekday.MONDAY
    opens = datetime.time(8, 0)
    closes = datetime.time(18, 0)

    class Meta:
        model = models.LocationOperatingHours


class CredentialFactory(DjangoModelFactory):
    """A licence valid for a year, unless told otherwise; `covers=[location, …]`
    sets its scope and `shown_on=[location, …]` attaches it to those pages."""

    kind = "licence"
    title = "Outpatient substance use treatment licence"
    issuer = "State licensing agency (sample)"
    number = factory.Sequence(lambda n: f"OP-{1000 + n}")
    levels_of_care = factory.LazyFunction(lambda: ["outpatient"])
    expires_on = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=365)
    )

    class Meta:
        model = models.Credential
        skip_postgeneration_save = True

    @factory.post_generation
    def covers(obj, create, extracted, **kwargs):
        for location in extracted or ():
            models.CredentialScope.objects.create(credential=obj, location=location)

    @factory.post_generation
    def shown_on(obj, create, extracted, **kwargs):
        for location in extracted or ():
            models.LocationCredential.objects.create(location=location, credential=obj)
