"""The facts families filter on, per location, as the national treatment locator
(FindTreatment.gov, fed by SAMHSA's yearly N-SUMHSS survey) codes them: levels of
care, medications for opioid and alcohol use disorder, payment, languages, age
groups and telehealth. Each choice's value is the locator's service code, so the
page, its JSON-LD and the survey export (export_locator_facts) read one source.

Check the codes against the survey's current codebook before each yearly update;
a code SAMHSA retires is changed here once."""

from dataclasses import dataclass

from django.db import models


class CareLevel(models.TextChoices):
    OUTPATIENT = "OP", "Outpatient"
    INTENSIVE_OUTPATIENT = "OIT", "Intensive outpatient"
    PARTIAL_HOSPITALIZATION = "ODT", "Day treatment or partial hospitalization"
    OUTPATIENT_DETOX = "OD", "Outpatient withdrawal management (detox)"
    RESIDENTIAL_SHORT = "RS", "Short-term residential (30 days or fewer)"
    RESIDENTIAL_LONG = "RL", "Long-term residential (more than 30 days)"
    RESIDENTIAL_DETOX = "RD", "Residential withdrawal management (detox)"
    HOSPITAL_INPATIENT = "HI", "Hospital inpatient"


class Medication(models.TextChoices):
    """Medications for opioid use disorder (MOUD) and alcohol use disorder (MAUD)."""

    METHADONE = "METH", "Methadone (opioid use disorder)"
    BUPRENORPHINE_NALOXONE = "BWN", "Buprenorphine with naloxone (opioid use disorder)"
    BUPRENORPHINE = "BWON", "Buprenorphine without naloxone (opioid use disorder)"
    BUPRENORPHINE_INJECTION = "BERI", "Extended-release buprenorphine injection"
    NALTREXONE_ORAL = "NXN", "Naltrexone tablets (alcohol or opioid use disorder)"
    NALTREXONE_INJECTION = "VTRL", "Extended-release naltrexone injection"
    ACAMPROSATE = "ACM", "Acamprosate (alcohol use disorder)"
    DISULFIRAM = "DSF", "Disulfiram (alcohol use disorder)"


class PaymentOption(models.TextChoices):
    SELF_PAY = "SF", "Cash or self-payment"
    PRIVATE_INSURANCE = "PI", "Private health insurance"
    MEDICAID = "MD", "Medicaid"
    MEDICARE = "MC", "Medicare"
    STATE_FINANCED = "SI", "State-financed health insurance"
    MILITARY = "MI", "Military insurance (e.g. TRICARE)"
    SLIDING_FEE = "SS", "Sliding fee scale"
    PAYMENT_ASSISTANCE = "PA", "Payment assistance"


class Language(models.TextChoices):
    """Languages care is given in. The value is the locator's code; SCHEMA_LANGUAGE
    gives the BCP 47 tag JSON-LD needs."""

    ENGLISH = "EN", "English"
    SPANISH = "SP", "Spanish"
    SIGN_LANGUAGE = "AH", "American Sign Language"


class AgeGroup(models.TextChoices):
    CHILDREN = "CHLD", "Children and adolescents"
    YOUNG_ADULTS = "YAD", "Young adults"
    ADULTS = "ADLT", "Adults"
    SENIORS = "SNR", "Older adults"


TELEHEALTH_CODE = "TELE"
TELEHEALTH_LABEL = "Telehealth (video or phone sessions)"

SCHEMA_LANGUAGE = {"EN": "en", "SP": "es", "AH": "ase"}


@dataclass(frozen=True)
class FactFamily:
    name: str  # the LocationPage field
    heading: str  # as families read it on the page and in the export
    choices: type[models.TextChoices]


FAMILIES = (
    FactFamily("care_levels", "Levels of care", CareLevel),
    FactFamily("medications", "Medications", Medication),
    FactFamily("payment_options", "Payment", PaymentOption),
    FactFamily("languages", "Languages", Language),
    FactFamily("age_groups", "Ages", AgeGroup),
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
    choices (not the order they were ticked); telehealth is its own family."""
    groups = []
    for family in FAMILIES:
        chosen = set(getattr(location, family.name) or ())
        facts = [Fact(c.value, c.label) for c in family.choices if c.value in chosen]
        if facts:
            groups.append(FactGroup(family.name, family.heading, facts))
    if location.offers_telehealth:
        groups.append(
            FactGroup(
                "telehealth", "Telehealth", [Fact(TELEHEALTH_CODE, TELEHEALTH_LABEL)]
            )
        )
    return groups
