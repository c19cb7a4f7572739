"""Factories for notices; tests and load_demo build them from the same code."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from notices.choices import ConsentPurpose, NoticeKind
from notices.models import ConsentWording, NoticeVersion


class NoticeVersionFactory(DjangoModelFactory):
    kind = NoticeKind.WEBSITE_PRIVACY
    effective_date = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=30)
    )
    body = "<p>We keep what you tell us private.</p>"
    substance_use_records = factory.Maybe(
        factory.LazyAttribute(lambda o: o.kind == NoticeKind.PRIVACY_PRACTICES),
        "<p>Records of substance use treatment get extra protection.</p>",
        "",
    )

    class Meta:
        model = NoticeVersion


class ConsentWordingFactory(DjangoModelFactory):
    purpose = ConsentPurpose.CONTACT
    text = "You may contact me about treatment."

    class Meta:
        model = ConsentWording
