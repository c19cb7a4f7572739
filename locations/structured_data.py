"""schema.org JSON-LD for a location page, built as plain dicts so tests can read them."""

from lantana.core.structured_data import clinic_settings, postal_address

from .choices import SCHEMA_DAY


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


def location_json_ld(location, hours, request) -> dict:
    settings = clinic_settings(request)
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalClinic",
        "name": f"{settings.clinic_name} — {location.title}",
        "url": location.get_full_url(request),
        "address": postal_address(location),
        "openingHoursSpecification": opening_hours_json_ld(hours),
    }
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
