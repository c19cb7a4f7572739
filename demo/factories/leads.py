"""Factories for leads and notes; tests and the demo build leads from the same code."""

import uuid

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from contact.choices import LeadKind, PlanType
from contact.models import Lead, LeadNote


class LeadFactory(DjangoModelFactory):
    """An inquiry unless `kind` says otherwise.

    `received=` backdates received_at (auto_now_add) and, unless `touched=` is
    given, the last activity too; `closed=` sets closed_at, which otherwise follows
    the status as the desk sets it (closed or spam: when received).
    """

    kind = LeadKind.INQUIRY
    preferred_name = factory.Sequence(lambda n: f"Visitor {n}")
    email = factory.Sequence(lambda n: f"visitor{n}@example.com")
    phone = factory.Sequence(lambda n: f"+1843555{n % 10000:04d}")
    message = "I would like to talk to someone about getting help."
    consent = True
    source_path = "/contact/"
    submission_id = factory.LazyFunction(uuid.uuid4)
    reference = factory.LazyFunction(lambda: uuid.uuid4().hex[:12].upper())

    class Meta:
        model = Lead
        skip_postgeneration_save = True

    # Post-generation steps run in this order.
    @factory.post_generation
    def received(obj, create, extracted, **kwargs):
        if create and extracted is not None:
            obj.received_at = obj.last_activity_at = extracted
            Lead.objects.filter(pk=obj.pk).update(
                received_at=extracted, last_activity_at=extracted
            )

    @factory.post_generation
    def touched(obj, create, extracted, **kwargs):
        if create and extracted is not None:
            obj.last_activity_at = extracted
            Lead.objects.filter(pk=obj.pk).update(last_activity_at=extracted)

    @factory.post_generation
    def closed(obj, create, extracted, **kwargs):
        if create:
            obj.closed_at = None
            obj.sync_closed_at(now=extracted or obj.received_at)
            Lead.objects.filter(pk=obj.pk).update(closed_at=obj.closed_at)


class InquiryFactory(LeadFactory):
    kind = LeadKind.INQUIRY


class ChatRequestFactory(LeadFactory):
    kind = LeadKind.CHAT_REQUEST
    message = ""
    best_time = "After 6 pm"
    first_message = "Is anyone there tonight?"


class LeadNoteFactory(DjangoModelFactory):
    text = "Left a voicemail."
    created_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = LeadNote


class InsuranceCheckFactory(LeadFactory):
    kind = LeadKind.INSURANCE_CHECK
    email = ""
    message = "Evenings are best."
    plan_type = PlanType.EMPLOYER


class EstimateRequestFactory(LeadFactory):
    kind = LeadKind.ESTIMATE_REQUEST
    message = "Intensive outpatient, three evenings a week."
