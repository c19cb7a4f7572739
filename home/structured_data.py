"""schema.org JSON-LD for the home page, built as a plain dict so tests can read it."""

from lantana.core.structured_data import clinic_settings


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
