"""Demo team: the team page, the approaches vocabulary and seven clinicians.

Articles' demo content names these slugs as authors and reviewers; keep them stable.
"""

from lantana.core.demo import get_or_create_image, get_or_create_page
from lantana.core.demo_images import draw_portrait
from locations.models import LocationPage

from . import demo_content
from .models import (
    ClinicianLocation,
    ClinicianPage,
    StaffIndexPage,
    TherapeuticApproach,
)


def load(home, stdout) -> StaffIndexPage:
    # 1. The team page under home.
    index = get_or_create_page(home, StaffIndexPage, "team", **demo_content.TEAM_INDEX)

    # 2. The vocabulary editors choose approaches from.
    approaches = load_approaches()

    # 3. The clinicians, each practising at Charleston when that location exists.
    charleston = LocationPage.objects.filter(slug="charleston").first()
    for slug, fields in demo_content.CLINICIANS.items():
        load_clinician(index, slug, dict(fields), approaches, charleston)
    stdout.write(
        f"   - team page, {len(approaches)} approaches and "
        f"{len(demo_content.CLINICIANS)} clinicians ready"
    )
    return index


def load_approaches() -> dict[str, TherapeuticApproach]:
    approaches = {}
    for name, description in demo_content.APPROACHES.items():
        approaches[name], _ = TherapeuticApproach.objects.get_or_create(
            name=name, defaults={"description": description}
        )
    return approaches


def load_clinician(index, slug, fields, approaches, location) -> ClinicianPage:
    seed = fields.pop("portrait")
    full_name = f"{fields['first_name']} {fields['last_name']}"
    fields["title"] = full_name
    fields["approaches"] = [approaches[name] for name in fields["approaches"]]
    if location is not None:
        fields["locations"] = [ClinicianLocation(location=location)]
    if seed is not None:
        fields["photo"] = get_or_create_image(
            f"Portrait of {full_name}",
            f"Illustrated portrait placeholder for {full_name}",
            lambda: draw_portrait(seed),
        )
    return get_or_create_page(index, ClinicianPage, slug, **fields)
