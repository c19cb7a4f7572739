"""The demo's cost page, insurers and the Charleston location's facts for families,
read from demo/content/costs.yaml. Adds only what is missing."""

from contact.models import CostPage, Insurer, InsurerPlan
from locations.models import LocationPage

from .pages import get_or_create_page
from .text import read_text

FACT_FIELDS = (
    "care_levels",
    "medications",
    "payment_options",
    "languages",
    "age_groups",
    "offers_telehealth",
)


def load_costs(home, stdout) -> None:
    content = read_text("costs")
    insurers = [
        Insurer.objects.get_or_create(name=name, defaults={"sort_order": order})[0]
        for order, name in enumerate(content["insurers"])
    ]
    load_plans(content["insurer_plans"])
    get_or_create_page(home, CostPage, "paying-for-care", **content["cost_page"])
    location = (
        LocationPage.objects.descendant_of(home).filter(slug="charleston").first()
    )
    if location is not None:
        load_facts(location, content["charleston_facts"], insurers)
    stdout.write(
        "   - cost page, insurers, their plans and the Charleston location's facts ready"
    )


def load_plans(plans: dict) -> None:
    """Adds a plan only to an insurer that has none: an editor's list stays."""
    for insurer in Insurer.objects.filter(name__in=plans, plans__isnull=True):
        InsurerPlan.objects.bulk_create(
            InsurerPlan(insurer=insurer, name=name, sort_order=order)
            for order, name in enumerate(plans[insurer.name])
        )


def load_facts(location, facts: dict, insurers) -> None:
    """Once: a location whose facts an editor has set keeps them."""
    if location.care_levels or location.insurers_accepted.exists():
        return
    for name in FACT_FIELDS:
        setattr(location, name, facts[name])
    location.insurers_accepted.set(insurers)
    location.save_revision().publish()  # as an editor would: its history has it
