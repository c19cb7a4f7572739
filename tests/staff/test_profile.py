"""The clinician profile page: every field, JSON-LD, placeholders, no empty sections."""

import pytest
from wagtail.models import PageViewRestriction

from demo.factories.staff import TherapeuticApproachFactory
from staff.choices import StaffRole
from tests.support.html import empty_headings, headings, json_ld, soup


def test_profile_renders_every_field(client, maya, location):
    response = client.get("/team/maya-okafor/")
    assert response.status_code == 200
    html = soup(response)
    text = " ".join(html.get_text().split())

    assert html.h1.get_text(strip=True) == "Maya Okafor, LMSW"
    assert "Primary Therapist" in text
    assert "Maya helps adults work through substance use." in text
    assert "Maya works from a strengths-based perspective." in text
    assert [li.get_text(strip=True) for li in html.select(".tag-list li")] == [
        "Substance use",
        "Co-occurring mental health",
    ]
    assert "Licensed Master Social Worker" in text
    assert "South Carolina no. DEMO-20417" in text
    # The photo carries the image's alt text on the profile.
    photo = html.select_one(".clinician__portrait img")
    assert photo["alt"] == "Portrait placeholder"
    assert photo["width"] and photo["height"]
    # Locations link to their pages.
    location_links = {a["href"] for a in html.select(".clinician-locations a")}
    assert location_links == {location.url}
    # Search engines get the short bio when no search description is set.
    description = html.select_one('meta[name="description"]')
    assert description["content"] == "Maya helps adults work through substance use."
    assert html.select_one('meta[property="og:type"]')["content"] == "profile"
    # The breadcrumb leads back to the team and to this person's group.
    crumbs = [a["href"] for a in html.select(".breadcrumb a")]
    assert crumbs == ["/team/", "/team/role/clinical/"]


def test_approaches_come_from_the_managed_vocabulary(client, maya):
    TherapeuticApproachFactory(name="Family systems")  # in the vocabulary, not chosen
    response = client.get(maya.url)
    names = [
        span.get_text(strip=True)
        for span in soup(response).select(".approach-list__name")
    ]
    assert names == ["Motivational Interviewing", "Twelve Step facilitation"]
    assert "A conversation that helps you find your own reasons." in response.text
    assert "Family systems" not in response.text


def test_json_ld_person_with_credentials_and_job_title(client, maya, site):
    (data,) = json_ld(client.get(maya.url))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Person"
    assert data["name"] == "Maya Okafor"
    assert data["honorificSuffix"] == "LMSW"
    assert data["jobTitle"] == "Primary Therapist"
    assert data["url"].endswith("/team/maya-okafor/")
    assert data["worksFor"] == {
        "@type": "MedicalClinic",
        "name": "Lantana Recovery",
        "url": site.root_url + "/",
    }
    credentials = data["hasCredential"]
    assert credentials[0] == {
        "@type": "EducationalOccupationalCredential",
        "name": "LMSW",
    }
    assert credentials[1]["credentialCategory"] == "license"
    assert credentials[1]["identifier"] == "DEMO-20417"
    assert data["knowsAbout"] == [
        "Substance use",
        "Co-occurring mental health",
        "Motivational Interviewing",
        "Twelve Step facilitation",
    ]
    assert data["image"].startswith("http")
    assert data["workLocation"][0]["address"]["streetAddress"] == "42 Society Street"


def test_json_ld_physician_for_the_medical_team(client, make_clinician):
    doctor = make_clinician(
        first_name="Daniel", last_name="Reyes", credentials="MD", role=StaffRole.MEDICAL
    )
    (data,) = json_ld(client.get(doctor.url))
    assert data["@type"] == ["Person", "Physician"]
    assert data["jobTitle"] == "Primary Therapist"


def test_json_ld_escapes_what_editors_type(client, make_clinician):
    clinician = make_clinician(job_title="</script><script>alert(1)</script>")
    response = client.get(clinician.url)
    assert "<script>alert(1)" not in response.text
    (data,) = json_ld(response)
    assert data["jobTitle"] == "</script><script>alert(1)</script>"


def test_no_photo_shows_initials_not_a_broken_image(client, make_clinician):
    clinician = make_clinician(first_name="Tamika", last_name="Grant", credentials="")
    response = client.get(clinician.url)
    html = soup(response)
    assert html.select_one(".clinician__portrait img") is None
    initials = html.select_one(".clinician__initials")
    assert initials.get_text(strip=True) == "TG"
    assert initials["aria-hidden"] == "true"
    assert html.h1.get_text(strip=True) == "Tamika Grant"
    assert "image" not in json_ld(response)[0]


def test_missing_bio_and_approaches_leave_no_empty_headings(client, make_clinician):
    clinician = make_clinician(
        first_name="Sam",
        last_name="Lee",
        credentials="",
        short_bio="",
        biography="",
        specialties="",
    )
    response = client.get(clinician.url)
    assert response.status_code == 200
    found = headings(response)
    for absent in ("About Sam", "How Sam works", "Specialties", "Credentials"):
        assert absent not in found
    assert "Where to find Sam" not in found
    assert empty_headings(response) == []
    html = soup(response)
    assert html.select(".clinician__lede, .approach-list, .tag-list") == []
    assert "knowsAbout" not in json_ld(response)[0]


def test_unpublished_profile_is_not_served(client, maya):
    maya.unpublish()
    assert client.get("/team/maya-okafor/").status_code == 404


@pytest.mark.parametrize(
    ("written", "reviewed", "expected"),
    [
        (2, 0, ["Articles by Maya"]),
        (0, 1, ["Articles Maya reviewed"]),
        (0, 0, []),
    ],
)
def test_articles_written_and_reviewed(
    client, maya, make_article, written, reviewed, expected
):
    """The profile lists the articles Maya wrote and reviewed, newest first, and
    no heading when there are none."""
    for n in range(written):
        make_article(title=f"Written {n}", author=maya, days_ago=n)
    for n in range(reviewed):
        make_article(title=f"Reviewed {n}", reviewer=maya, days_ago=n)
    response = client.get(maya.url)
    found = [h for h in headings(response) if h.startswith("Articles")]
    assert found == expected
    titles = [
        a.get_text(strip=True) for a in soup(response).select(".clinician-articles a")
    ]
    assert titles == [f"Written {n}" for n in range(written)] + [
        f"Reviewed {n}" for n in range(reviewed)
    ]
    assert "Browse all our articles" not in response.content.decode()


def test_only_the_newest_live_public_articles_then_a_link_to_the_rest(
    client, maya, make_article, article_index
):
    for n in range(5):
        make_article(title=f"Written {n}", author=maya, days_ago=n)
    make_article(title="Draft", author=maya, live=False)
    private = make_article(title="Private", author=maya, reviewer=maya)
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    make_article(title="Reviewed", reviewer=maya, days_ago=9)
    html = soup(client.get(maya.url))
    lists = [
        [a.get_text(strip=True) for a in ul.select("a")]
        for ul in html.select(".clinician-articles")
    ]
    assert lists == [["Written 0", "Written 1", "Written 2"], ["Reviewed"]]
    (more,) = html.select(".band__more a")
    assert more["href"] == article_index.url
