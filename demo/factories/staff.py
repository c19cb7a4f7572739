"""Factories for the team; tests and demo content build clinicians from the same code."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from staff import models
from staff.choices import StaffRole


class TherapeuticApproachFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Approach {n}")
    description = "A way of working with people in treatment."

    class Meta:
        model = models.TherapeuticApproach
        django_get_or_create = ("name",)


class StaffIndexPageFactory(wagtail_factories.PageFactory):
    title = "Our team"
    slug = "team"
    intro = "The people who will walk alongside you in treatment."

    class Meta:
        model = models.StaffIndexPage


class ClinicianPageFactory(wagtail_factories.PageFactory):
    first_name = factory.Sequence(lambda n: f"Alex{n}")
    last_name = "Morgan"
    title = factory.LazyAttribute(lambda o: f"{o.first_name} {o.last_name}")
    slug = factory.LazyAttribute(lambda o: f"{o.first_name}-{o.last_name}".lower())
    credentials = "LPC"
    job_title = "Primary Therapist"
    role = StaffRole.CLINICAL
    short_bio = "Helps people rebuild routines and relationships in early recovery."
    biography = "<p>Has worked in community addiction treatment for ten years.</p>"
    specialties = "Substance use\nCo-occurring mental health"

    class Meta:
        model = models.ClinicianPage


class ClinicianLocationFactory(DjangoModelFactory):
    class Meta:
        model = models.ClinicianLocation
