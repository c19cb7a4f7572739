import pytest
from django.core.exceptions import ValidationError

from staff.choices import StaffRole
from staff.models import ClinicianPage

# A new Page looks up its content type, which may need the database.
pytestmark = pytest.mark.django_db


def test_name_with_and_without_credentials():
    page = ClinicianPage(first_name="Maya", last_name="Okafor", credentials="LMSW")
    assert page.full_name == "Maya Okafor"
    assert page.name_with_credentials == "Maya Okafor, LMSW"
    page.credentials = ""
    assert page.name_with_credentials == "Maya Okafor"


def test_initials_and_placeholder_tone():
    page = ClinicianPage(first_name="tamika", last_name="grant")
    assert page.initials == "TG"
    assert page.placeholder_tone in range(4)


def test_specialties_one_per_line_ignoring_blank_lines():
    page = ClinicianPage(specialties="Substance use\n\n  Family therapy \r\n")
    assert page.specialty_list == ["Substance use", "Family therapy"]


def test_credentials_are_spelled_out_when_known():
    page = ClinicianPage(credentials="LPC, LAC,  XYZ ")
    assert page.credential_list == ["LPC", "LAC", "XYZ"]
    assert page.credential_details == [
        ("LPC", "Licensed Professional Counselor"),
        ("LAC", "Licensed Addiction Counselor"),
        ("XYZ", ""),
    ]


def test_only_the_medical_team_are_physicians():
    assert ClinicianPage(role=StaffRole.MEDICAL).is_physician
    assert not ClinicianPage(role=StaffRole.CLINICAL).is_physician


def test_a_licence_number_needs_its_state(make_clinician):
    clinician = make_clinician()
    clinician.licence_number = "12345"
    with pytest.raises(ValidationError) as error:
        clinician.full_clean()
    assert "licence_state" in error.value.message_dict


def test_licence_state_must_be_a_us_state(make_clinician):
    clinician = make_clinician()
    clinician.licence_number, clinician.licence_state = "12345", "XX"
    with pytest.raises(ValidationError) as error:
        clinician.full_clean()
    assert "licence_state" in error.value.message_dict


def test_no_articles_yet(maya):
    assert maya.get_articles_context() == {
        "articles_written": [],
        "articles_reviewed": [],
        "article_index": None,
    }


def test_locations_skip_unpublished_and_duplicates(maya, location, location_index):
    from demo.factories.locations import LocationPageFactory
    from staff.models import ClinicianLocation

    draft = LocationPageFactory(parent=location_index, title="Summerville", live=False)
    ClinicianLocation.objects.create(clinician=maya, location=draft)
    ClinicianLocation.objects.create(clinician=maya, location=location)
    assert maya.get_locations() == [location]
