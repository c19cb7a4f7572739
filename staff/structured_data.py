"""schema.org JSON-LD for a clinician's profile, built as a plain dict."""

from wagtail.models import Site

from lantana.core.images import rendition
from lantana.core.structured_data import clinic_settings, postal_address

# The rendition the profile shows; JSON-LD points at the same file.
PROFILE_PHOTO_SPEC = "fill-640x640|format-jpeg"


def clinician_json_ld(clinician, locations, approaches, request) -> dict:
    """A Person, also typed Physician for the medical team.

    schema.org's Physician is an organisation type, so a doctor is typed
    ["Person", "Physician"] to keep the Person properties (jobTitle, hasCredential,
    worksFor, knowsAbout) valid.
    """
    settings = clinic_settings(request)
    data = {
        "@context": "https://schema.org",
        "@type": ["Person", "Physician"] if clinician.is_physician else "Person",
        "name": clinician.full_name,
        "givenName": clinician.first_name,
        "familyName": clinician.last_name,
        "jobTitle": clinician.job_title,
        "url": clinician.get_full_url(request),
        "worksFor": _clinic(settings, request),
    }
    if clinician.credentials:
        data["honorificSuffix"] = clinician.credentials
    credentials = _credentials(clinician)
    if credentials:
        data["hasCredential"] = credentials
    if clinician.short_bio:
        data["description"] = clinician.short_bio
    if clinician.photo:
        photo = rendition(clinician.photo, PROFILE_PHOTO_SPEC)
        data["image"] = request.build_absolute_uri(photo.url)
    knows_about = clinician.specialty_list + [a.local_name for a in approaches]
    if knows_about:
        data["knowsAbout"] = knows_about
    if locations:
        data["workLocation"] = [_place(location, request) for location in locations]
    return data


def _clinic(settings, request) -> dict:
    site = Site.find_for_request(request)
    clinic = {"@type": "MedicalClinic", "name": settings.clinic_name}
    if site is not None:
        clinic["url"] = site.root_url + "/"
    return clinic


def _credentials(clinician) -> list[dict]:
    credentials = [
        {"@type": "EducationalOccupationalCredential", "name": name}
        for name in clinician.credential_list
    ]
    if clinician.licence_number and clinician.licence_state:
        credentials.append(
            {
                "@type": "EducationalOccupationalCredential",
                "credentialCategory": "license",
                "name": f"{clinician.get_licence_state_display()} license",
                "identifier": clinician.licence_number,
                "validIn": {
                    "@type": "State",
                    "name": clinician.get_licence_state_display(),
                },
            }
        )
    return credentials


def _place(location, request) -> dict:
    return {
        "@type": "Place",
        "name": location.title,
        "url": location.get_full_url(request),
        "address": postal_address(location),
    }
