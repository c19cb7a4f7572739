"""schema.org pieces every app's JSON-LD shares, built as plain dicts so tests can
read them. Each page's own JSON-LD lives beside its model."""

from .models import SiteSettings


def clinic_settings(request):
    return SiteSettings.for_request(request)


def postal_address(place) -> dict:
    """A schema.org PostalAddress for anything with a street address (a location)."""
    return {
        "@type": "PostalAddress",
        "streetAddress": place.street_address,
        "addressLocality": place.city,
        "addressRegion": place.state,
        "postalCode": place.postal_code,
        "addressCountry": "US",
    }
