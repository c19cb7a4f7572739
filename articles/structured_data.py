"""schema.org JSON-LD and the share image for an article, built as plain dicts."""

from wagtail.models import Site

from lantana.core.images import rendition
from lantana.core.site_cache import language_of
from lantana.core.structured_data import clinic_settings

SHARE_IMAGE_FILTER = "fill-1200x630|format-jpeg"


def site_root(request) -> str:
    """The site's own address, so every URL in a page agrees with its canonical one."""
    site = Site.find_for_request(request)
    return site.root_url if site else request.build_absolute_uri("/").rstrip("/")


def absolute(url: str, request) -> str:
    return url if "://" in url else site_root(request) + url


def share_image_url(article, request) -> str:
    if article.hero_image is None:
        return ""
    return absolute(rendition(article.hero_image, SHARE_IMAGE_FILTER).url, request)


def person(clinician, request) -> dict:
    data = {
        "@type": "Person",
        "name": clinician.full_name,
        "url": clinician.get_full_url(request),
    }
    if clinician.job_title:
        data["jobTitle"] = clinician.job_title
    if clinician.credentials:
        data["honorificSuffix"] = clinician.credentials
    return data


def breadcrumb_list(pages, request) -> dict:
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": page.title,
                "item": page.get_full_url(request),
            }
            for position, page in enumerate(pages, start=1)
        ],
    }


def article_json_ld(article, context, request) -> dict:
    url = article.get_full_url(request)
    clinic = clinic_settings(request)
    publisher = {
        "@type": "Organization",
        "name": clinic.clinic_name,
        "url": site_root(request) + "/",
    }
    modified = article.last_published_at or article.latest_revision_created_at
    webpage = {
        "@type": "MedicalWebPage",
        "@id": f"{url}#webpage",
        "url": url,
        "name": article.title,
        "description": article.summary,
        "inLanguage": language_of(article),
        "mainEntity": {"@id": f"{url}#article"},
        "breadcrumb": {"@id": f"{url}#breadcrumb"},
    }
    if article.reviewer and article.last_reviewed:
        webpage["reviewedBy"] = person(article.reviewer, request)
        webpage["lastReviewed"] = article.last_reviewed.isoformat()
    topics = context.get("topics") or []
    if topics:
        webpage["about"] = [{"@type": "Thing", "name": t.local_name} for t in topics]
    item = {
        "@type": "Article",
        "@id": f"{url}#article",
        "headline": article.title[:110],
        "description": article.summary,
        "inLanguage": language_of(article),
        "datePublished": article.publication_date.isoformat(),
        "publisher": publisher,
        "mainEntityOfPage": {"@id": f"{url}#webpage"},
        "isPartOf": {"@id": f"{url}#webpage"},
    }
    if modified:
        item["dateModified"] = modified.isoformat()
    if context.get("share_image_url"):
        item["image"] = context["share_image_url"]
    if article.author:
        item["author"] = person(article.author, request)
    if topics:
        item["keywords"] = ", ".join(t.local_name for t in topics)
    breadcrumbs = breadcrumb_list(context.get("breadcrumbs") or [article], request)
    breadcrumbs["@id"] = f"{url}#breadcrumb"
    return {"@context": "https://schema.org", "@graph": [webpage, item, breadcrumbs]}
