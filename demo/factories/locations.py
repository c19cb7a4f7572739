"""Factories for location pages; tests and load_demo build content from the same code."""

import datetime

import factory
import wagtail_factories
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
