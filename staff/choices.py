from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffRole(models.TextChoices):
    """The groups of the team page, in the order they appear there."""

    CLINICAL = "clinical", "Clinical"
    MEDICAL = "medical", "Medical"
    ADMISSIONS = "admissions", "Admissions"
    LEADERSHIP = "leadership", "Leadership"


# Headings of the team page's groups.
ROLE_GROUP_HEADINGS = {
    StaffRole.CLINICAL: _("Therapists and counselors"),
    StaffRole.MEDICAL: _("Medical team"),
    StaffRole.ADMISSIONS: _("Admissions"),
    StaffRole.LEADERSHIP: _("Leadership"),
}

# Shorter labels for the role filter, so it fits on a phone.
ROLE_FILTER_LABELS = {
    StaffRole.CLINICAL: _("Therapists"),
    StaffRole.MEDICAL: _("Medical"),
    StaffRole.ADMISSIONS: _("Admissions"),
    StaffRole.LEADERSHIP: _("Leadership"),
}


class USState(models.TextChoices):
    """Where a clinician's license was issued."""

    AL = "AL", "Alabama"
    AK = "AK", "Alaska"
    AZ = "AZ", "Arizona"
    AR = "AR", "Arkansas"
    CA = "CA", "California"
    CO = "CO", "Colorado"
    CT = "CT", "Connecticut"
    DE = "DE", "Delaware"
    DC = "DC", "District of Columbia"
    FL = "FL", "Florida"
    GA = "GA", "Georgia"
    HI = "HI", "Hawaii"
    ID = "ID", "Idaho"
    IL = "IL", "Illinois"
    IN = "IN", "Indiana"
    IA = "IA", "Iowa"
    KS = "KS", "Kansas"
    KY = "KY", "Kentucky"
    LA = "LA", "Louisiana"
    ME = "ME", "Maine"
    MD = "MD", "Maryland"
    MA = "MA", "Massachusetts"
    MI = "MI", "Michigan"
    MN = "MN", "Minnesota"
    MS = "MS", "Mississippi"
    MO = "MO", "Missouri"
    MT = "MT", "Montana"
    NE = "NE", "Nebraska"
    NV = "NV", "Nevada"
    NH = "NH", "New Hampshire"
    NJ = "NJ", "New Jersey"
    NM = "NM", "New Mexico"
    NY = "NY", "New York"
    NC = "NC", "North Carolina"
    ND = "ND", "North Dakota"
    OH = "OH", "Ohio"
    OK = "OK", "Oklahoma"
    OR = "OR", "Oregon"
    PA = "PA", "Pennsylvania"
    RI = "RI", "Rhode Island"
    SC = "SC", "South Carolina"
    SD = "SD", "South Dakota"
    TN = "TN", "Tennessee"
    TX = "TX", "Texas"
    UT = "UT", "Utah"
    VT = "VT", "Vermont"
    VA = "VA", "Virginia"
    WA = "WA", "Washington"
    WV = "WV", "West Virginia"
    WI = "WI", "Wisconsin"
    WY = "WY", "Wyoming"


# What the letters after a name stand for, spelled out on profiles. Letters not listed
# here are shown as they are.
CREDENTIAL_NAMES = {
    "CADC": "Certified Alcohol and Drug Counselor",
    "CPRS": "Certified Peer Recovery Specialist",
    "DO": "Doctor of Osteopathic Medicine",
    "LAC": "Licensed Addiction Counselor",
    "LCSW": "Licensed Clinical Social Worker",
    "LISW-CP": "Licensed Independent Social Worker, Clinical Practice",
    "LMFT": "Licensed Marriage and Family Therapist",
    "LMSW": "Licensed Master Social Worker",
    "LPC": "Licensed Professional Counselor",
    "LPN": "Licensed Practical Nurse",
    "MD": "Doctor of Medicine",
    "NP": "Nurse Practitioner",
    "PhD": "Doctor of Philosophy",
    "PMHNP-BC": "Psychiatric Mental Health Nurse Practitioner, Board Certified",
    "PsyD": "Doctor of Psychology",
    "RN": "Registered Nurse",
}
