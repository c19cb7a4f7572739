"""schema.org JSON-LD for a location page, built as plain dicts so tests can read them."""

from lantana.core.structured_data import clinic_settings, postal_address

from .choices import SCHEMA_CREDENTIAL_CATEGORY, SCHEMA_DAY
from .facts import SCHEMA_LANGUAGE

# The fact families schema.org's MedicalClinic.availableService describes.
SERVICE_FAMILIES = {"care_levels", "medications", "telehealth"}


def opening_hours_json_ld(hours) -> list[dict]:
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{SCHEMA_DAY[row.day]}",
            "opens": row.opens.strftime("%H:%M"),
            "closes": row.closes.strftime("%H:%M"),
        }
        for row in hours
        if not row.closed and row.opens and row.closes
    ]


def credential_json_ld(credential) -> dict:
    data = {
        "@type": "EducationalOccupationalCredential",
        "name": credential.title,
        "credentialCategory": SCHEMA_CREDENTIAL_CATEGORY[credential.kind],
        "recognizedBy": {"@type": "Organization", "name": credential.issuer},
        "expires": credential.expires_on.isoformat(),
    }
    if credential.number:
        data["identifier"] = credential.number
    if credential.verification_url:
        data["url"] = credential.verification_url
    return data


def facts_json_ld(facts, insurers) -> dict:
    """The location's facts as MedicalClinic properties: services (levels of care,
    medications, telehealth) with their locator codes, payment, languages, and
    the insurers accepted as health plan networks."""
    by_family = {group.family: group.facts for group in facts}
    data = {}
    services = [
        {"@type": "MedicalTherapy", "name": fact.label, "identifier": fact.code}
        for group in facts
        if group.family in SERVICE_FAMILIES
        for fact in group.facts
    ]
    if services:
        data["availableService"] = services
    if payment := by_family.get("payment_options"):
        data["paymentAccepted"] = ", ".join(fact.label for fact in payment)
    if languages := by_family.get("languages"):
        tags = [SCHEMA_LANGUAGE[f.code] for f in languages if f.code in SCHEMA_LANGUAGE]
        if tags:
            data["knowsLanguage"] = tags
    if insurers:
        data["healthPlanNetworkId"] = [insurer.name for insurer in insurers]
    return data


def location_json_ld(
    location, hours, request, credentials=(), availability=None, facts=(), insurers=()
) -> dict:
    settings = clinic_settings(request)
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalClinic",
        "name": f"{settings.clinic_name} — {location.title}",
        "url": location.get_full_url(request),
        "address": postal_address(location),
        "openingHoursSpecification": opening_hours_json_ld(hours),
    }
    if availability is not None:  # exactly when the page shows it
        data["isAcceptingNewPatients"] = availability.accepting
    data.update(facts_json_ld(facts, insurers))
    if credentials:
        data["hasCredential"] = [credential_json_ld(c) for c in credentials]
    telephone = location.phone or settings.phone
    if telephone:
        data["telephone"] = telephone
    if location.latitude is not None and location.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(location.latitude),
            "longitude": float(location.longitude),
        }
    return data
