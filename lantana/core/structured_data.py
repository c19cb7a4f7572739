"""schema.org JSON-LD for our pages, built as plain dicts so tests can read them."""

from .choices import SCHEMA_DAY


def clinic_settings(request):
    from .models import SiteSettings

    return SiteSettings.for_request(request)


def organization_json_ld(page, request) -> dict:
    settings = clinic_settings(request)
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": settings.clinic_name,
        "url": page.get_full_url(request),
    }
    if settings.phone:
        data["telephone"] = settings.phone
    if settings.email:
        data["email"] = settings.email
    same_as = [url for _label, url in settings.social_links]
    if same_as:
        data["sameAs"] = same_as
    return data


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


def postal_address(location) -> dict:
    return {
        "@type": "PostalAddress",
        "streetAddress": location.street_address,
        "addressLocality": location.city,
        "addressRegion": location.state,
        "postalCode": location.postal_code,
        "addressCountry": "US",
    }


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
