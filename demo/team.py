"""Demo team: the team page, the approaches vocabulary and seven clinicians.

The demo articles name these slugs as authors and reviewers; keep them stable.
"""

from wagtail.models import Locale

from locations.models import LocationPage
from staff.models import (
    ClinicianLocation,
    ClinicianPage,
    StaffIndexPage,
    TherapeuticApproach,
)

from .pages import get_or_create_page, portrait_image
from .text import read_text


def load_team(home, stdout) -> StaffIndexPage:
    text = read_text("team")
    # 1. The team page under home.
    index = get_or_create_page(home, StaffIndexPage, "team", **text["team_index"])

    # 2. The vocabulary editors choose approaches from.
    approaches = load_approaches(text["approaches"])

    # 3. The clinicians, each practising at Charleston when that location exists.
    charleston = LocationPage.objects.filter(slug="charleston").first()
    for slug, fields in text["clinicians"].items():
        load_clinician(index, slug, fields, approaches, charleston)
    stdout.write(
        f"   - team page, {len(approaches)} approaches and "
        f"{len(text['clinicians'])} clinicians ready"
    )
    return index


def load_approaches(descriptions: dict[str, str]) -> dict[str, TherapeuticApproach]:
    approaches = {}
    for name, description in descriptions.items():
        approaches[name], _ = TherapeuticApproach.objects.get_or_create(
            name=name,
            locale=Locale.get_default(),
            defaults={"description": description},
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
        fields["photo"] = portrait_image(full_name, seed)
    return get_or_create_page(index, ClinicianPage, slug, **fields)
