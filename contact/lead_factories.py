"""Factories for leads and notes; tests and the demo build leads from the same code."""

import uuid

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from .models import ChatRequest, Inquiry, LeadNote


class LeadFactory(DjangoModelFactory):
    preferred_name = factory.Sequence(lambda n: f"Visitor {n}")
    email = factory.Sequence(lambda n: f"visitor{n}@example.com")
    phone = factory.Sequence(lambda n: f"+1843555{n % 10000:04d}")
    message = "I would like to talk to someone about getting help."
    consent = True
    source_path = "/contact/"
    submission_id = factory.LazyFunction(uuid.uuid4)
    reference = factory.LazyFunction(lambda: uuid.uuid4().hex[:12].upper())

    @factory.post_generation
    def received(obj, create, extracted, **kwargs):
        # received_at is auto_now_add; backdate it after the insert when asked.
        if extracted is not None and create:
            type(obj).objects.filter(pk=obj.pk).update(received_at=extracted)
            obj.received_at = extracted


class InquiryFactory(LeadFactory):
    class Meta:
        model = Inquiry
        skip_postgeneration_save = True


class ChatRequestFactory(LeadFactory):
    best_time = "After 6 pm"
    first_message = "Is anyone there tonight?"

    class Meta:
        model = ChatRequest
        skip_postgeneration_save = True


class LeadNoteFactory(DjangoModelFactory):
    text = "Left a voicemail."
    created_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = LeadNote
