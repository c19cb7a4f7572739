import pytest

from demo.factories.core import ImageFactory
from demo.factories.staff import (
    ClinicianLocationFactory,
    ClinicianPageFactory,
    TherapeuticApproachFactory,
)
from demo.images import draw_portrait, image_file
from staff.choices import StaffRole


@pytest.fixture
def make_clinician(team_index):
    """Build a live clinician under the team page; photo=True draws a portrait."""

    def make(photo=False, approaches=(), locations=(), **fields):
        if photo:
            # Small on purpose: renditions of twenty portraits stay quick to make.
            fields["photo"] = ImageFactory(
                description="Portrait placeholder",
                file=image_file(draw_portrait(1, size=(96, 96)), "portrait.jpg"),
            )
        clinician = ClinicianPageFactory(parent=team_index, **fields)
        if approaches:
            clinician.approaches.set(approaches)
            clinician.save()
        for location in locations:
            ClinicianLocationFactory(clinician=clinician, location=location)
        return clinician

    return make


@pytest.fixture
def maya(make_clinician, location):
    approaches = [
        TherapeuticApproachFactory(
            name="Motivational Interviewing",
            description="A conversation that helps you find your own reasons.",
        ),
        TherapeuticApproachFactory(name="Twelve Step facilitation"),
    ]
    return make_clinician(
        first_name="Maya",
        last_name="Okafor",
        title="Maya Okafor",
        slug="maya-okafor",
        credentials="LMSW",
        job_title="Primary Therapist",
        role=StaffRole.CLINICAL,
        short_bio="Maya helps adults work through substance use.",
        biography="<p>Maya works from a strengths-based perspective.</p>",
        specialties="Substance use\n\n  Co-occurring mental health  \n",
        licence_number="DEMO-20417",
        licence_state="SC",
        photo=True,
        approaches=approaches,
        locations=[location],
    )
