import io

from django.core.management import call_command

from staff import demo
from staff.models import ClinicianLocation, ClinicianPage, TherapeuticApproach

# The articles demo names these as authors and reviewers.
REQUIRED_SLUGS = {
    "maya-okafor",
    "daniel-reyes",
    "grace-whitfield",
    "elena-novak",
    "marcus-bell",
    "tamika-grant",
}


def snapshot() -> dict:
    return {
        "clinicians": ClinicianPage.objects.count(),
        "approaches": TherapeuticApproach.objects.count(),
        "locations": ClinicianLocation.objects.count(),
        "revisions": sum(
            page.revisions.count() for page in ClinicianPage.objects.all()
        ),
    }


def test_load_demo_builds_the_team_once(client, db):
    # One test on purpose: drawing the demo pictures takes a while.
    call_command("load_demo", stdout=io.StringIO())
    first = snapshot()
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == first

    team = ClinicianPage.objects.live()
    assert REQUIRED_SLUGS <= set(team.values_list("slug", flat=True))
    assert first["approaches"] == 8
    # Everyone practises at Charleston.
    assert set(ClinicianLocation.objects.values_list("location__slug", flat=True)) == {
        "charleston"
    }

    maya = ClinicianPage.objects.get(slug="maya-okafor")
    assert maya.name_with_credentials == "Maya Okafor, LMSW"
    assert maya.job_title == "Primary Therapist"
    assert "Licensed Master Social Worker" in maya.biography
    assert set(maya.approaches.values_list("name", flat=True)) == {
        "Strengths-based practice",
        "Twelve Step facilitation",
        "Cognitive Behavioral Therapy",
        "Motivational Interviewing",
    }
    # No drawn stand-in for a real photo: every card shows the person's monogram.
    assert not team.filter(photo__isnull=False).exists()

    for url in ("/team/", "/team/role/medical/", *(page.url for page in team)):
        assert client.get(url).status_code == 200, url


def test_demo_without_a_charleston_location(home):
    demo.load(home, io.StringIO())
    assert ClinicianPage.objects.live().count() >= 6
    assert ClinicianLocation.objects.count() == 0
