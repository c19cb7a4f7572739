"""The facts families filter on, per location, as the national treatment locator
(FindTreatment.gov, fed by SAMHSA's yearly N-SUMHSS survey) codes them: levels of
care, medications for opioid and alcohol use disorder, payment, languages, age
groups and telehealth. Each choice's value is the locator's service code, so the
page, its JSON-LD and the survey export (export_locator_facts) read one source.

Checked 2026-12-04 (docs/operations/locator-facts.md says how): SAMHSA's own
code list (the FindTreatment.gov developer guide, the National Directory's key to
services) was not within our reach; every code and label below matches two
independent public transcriptions of the locator's service legend, as the
locator's listing answers it (https://findtreatment.gov/locator/listing, each
service as category, code, name). Check them against the current codebook before
each yearly update; a code SAMHSA retires is changed here once."""

import functools
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class CareLevel(models.TextChoices):
    OUTPATIENT = "OP", _("Outpatient")
    INTENSIVE_OUTPATIENT = "OIT", _("Intensive outpatient")
    PARTIAL_HOSPITALIZATION = (
        "ODT",
        _("Day treatment or partial hospitalization"),
    )
    OUTPATIENT_DETOX = "OD", _("Outpatient withdrawal management (detox)")
    RESIDENTIAL_SHORT = "RS", _("Short-term residential (30 days or fewer)")
    RESIDENTIAL_LONG = "RL", _("Long-term residential (more than 30 days)")
    RESIDENTIAL_DETOX = "RD", _("Residential withdrawal management (detox)")
    HOSPITAL_INPATIENT = "HI", _("Hospital inpatient")


class Medication(models.TextChoices):
    """Medications for opioid use disorder (MOUD) and alcohol use disorder (MAUD)."""

    METHADONE = "METH", _("Methadone (opioid use disorder)")
    BUPRENORPHINE_NALOXONE = (
        "BWN",
        _("Buprenorphine with naloxone (opioid use disorder)"),
    )
    BUPRENORPHINE = (
        "BWON",
        _("Buprenorphine without naloxone (opioid use disorder)"),
    )
    BUPRENORPHINE_INJECTION = "BERI", _("Extended-release buprenorphine injection")
    NALTREXONE_ORAL = (
        "NXN",
        _("Naltrexone tablets (alcohol or opioid use disorder)"),
    )
    NALTREXONE_INJECTION = "VTRL", _("Extended-release naltrexone injection")
    ACAMPROSATE = "ACM", _("Acamprosate (alcohol use disorder)")
    DISULFIRAM = "DSF", _("Disulfiram (alcohol use disorder)")


class PaymentOption(models.TextChoices):
    SELF_PAY = "SF", _("Cash or self-payment")
    PRIVATE_INSURANCE = "PI", _("Private health insurance")
    MEDICAID = "MD", _("Medicaid")
    MEDICARE = "MC", _("Medicare")
    STATE_FINANCED = (
        "SI",
        _("State-financed health insurance other than Medicaid"),
    )
    MILITARY = "MI", _("Federal military insurance (such as TRICARE)")
    SLIDING_FEE = "SS", _("Sliding fee scale")
    PAYMENT_ASSISTANCE = "PA", _("Payment assistance")


class Language(models.TextChoices):
    """Languages care is given in. The value is the locator's code, but for English
    (see NOT_LOCATOR_CODES); SCHEMA_LANGUAGE gives the BCP 47 tag JSON-LD needs."""

    ENGLISH = "EN", _("English")
    SPANISH = "SP", _("Spanish")
    # The locator's AH is services for the deaf and hard of hearing, not a
    # language: it may be an interpreter, captioning or staff who sign.
    DEAF_AND_HARD_OF_HEARING = (
        "AH",
        _("Services for people who are deaf or hard of hearing"),
    )


class AgeGroup(models.TextChoices):
    CHILDREN = "CHLD", _("Children and adolescents")
    YOUNG_ADULTS = "YAD", _("Young adults")
    ADULTS = "ADLT", _("Adults")
    SENIORS = "SNR", _("Older adults")


TELEHEALTH_CODE = "TELE"
TELEHEALTH_LABEL = _("Telehealth (video or phone sessions)")

# English is our own value: the locator records only the languages other than
# English a facility offers, so the survey export leaves its code blank.
NOT_LOCATOR_CODES = frozenset({"EN"})

# AH has no language tag: "deaf or hard of hearing" does not say which language.
SCHEMA_LANGUAGE = {"EN": "en", "SP": "es"}


@dataclass(frozen=True)
class FactFamily:
    name: str  # the LocationPage field
    heading: str  # as families read it on the page and in the export
    choices: type[models.TextChoices]

    @functools.cached_property
    def options(self) -> tuple:
        """(code, label) in the choices' order: iterating the enum each time cost
        location_facts half its work."""
        return tuple((choice.value, choice.label) for choice in self.choices)


FAMILIES = (
    FactFamily("care_levels", _("Levels of care"), CareLevel),
    FactFamily("medications", _("Medications"), Medication),
    FactFamily("payment_options", _("Payment"), PaymentOption),
    FactFamily("languages", _("Languages"), Language),
    FactFamily("age_groups", _("Ages"), AgeGroup),
)

FAMILY = {family.name: family for family in FAMILIES}


@dataclass(frozen=True)
class Fact:
    code: str
    label: str


@dataclass(frozen=True)
class FactGroup:
    family: str
    heading: str
    facts: list[Fact]


def location_facts(location) -> list[FactGroup]:
    """The location's facts by family, in the order each family lists its
    choices (not the order they were ticked); telehealth is its own family. Labels
    and headings are plain strings in the active language."""
    groups = []
    for family in FAMILIES:
        chosen = set(getattr(location, family.name) or ())
        facts = [
            Fact(code, str(label)) for code, label in family.options if code in chosen
        ]
        if facts:
            groups.append(FactGroup(family.name, str(family.heading), facts))
    if location.offers_telehealth:
        groups.append(
            FactGroup(
                "telehealth",
                str(_("Telehealth")),
                [Fact(TELEHEALTH_CODE, str(TELEHEALTH_LABEL))],
            )
        )
    return groups
