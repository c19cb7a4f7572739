"""The team page: grouped by role, ordered as editors set, filterable by role."""

from staff.choices import StaffRole
from tests.support.html import card_names, headings, soup


def build_team(make_clinician):
    make_clinician(
        first_name="Grace",
        last_name="Whitfield",
        credentials="LPC, LAC",
        role=StaffRole.LEADERSHIP,
        sort_order=5,
    )
    make_clinician(
        first_name="Maya",
        last_name="Okafor",
        credentials="LMSW",
        role=StaffRole.CLINICAL,
        sort_order=10,
    )
    make_clinician(
        first_name="Elena",
        last_name="Novak",
        credentials="LPC",
        role=StaffRole.CLINICAL,
        sort_order=10,
    )
    make_clinician(
        first_name="Marcus",
        last_name="Bell",
        credentials="CPRS",
        role=StaffRole.CLINICAL,
        sort_order=1,
    )
    make_clinician(
        first_name="Daniel",
        last_name="Reyes",
        credentials="MD",
        role=StaffRole.MEDICAL,
        sort_order=20,
    )


def test_groups_in_role_order_and_people_in_sort_order(client, make_clinician):
    build_team(make_clinician)
    response = client.get("/team/")
    assert response.status_code == 200
    groups = [
        (
            section.h2.get_text(strip=True),
            [a.get_text(strip=True) for a in section.select(".clinician-card__link")],
        )
        for section in soup(response).select(".team-group")
    ]
    assert groups == [
        (
            "Therapists and counselors",
            # sort_order first, then last name for ties
            ["Marcus Bell, CPRS", "Elena Novak, LPC", "Maya Okafor, LMSW"],
        ),
        ("Medical team", ["Daniel Reyes, MD"]),
        ("Leadership", ["Grace Whitfield, LPC, LAC"]),
    ]
    # Roles nobody holds get no heading.
    assert "Admissions" not in headings(response)


def test_cards_show_photo_name_credentials_role_and_bio(client, make_clinician):
    make_clinician(
        first_name="Maya",
        last_name="Okafor",
        credentials="LMSW",
        job_title="Primary Therapist",
        photo=True,
    )
    html = soup(client.get("/team/"))
    card = html.select_one(".clinician-card")
    assert card.h3.get_text(strip=True) == "Maya Okafor, LMSW"
    assert card.select_one(".clinician-card__role").get_text() == "Primary Therapist"
    assert card.select_one(".clinician-card__bio")
    img = card.select_one("img")
    assert img["alt"] == ""  # the name beside it already says who this is
    assert card.select_one("source[type='image/webp']")


def test_filter_by_role_with_a_clean_url(client, make_clinician):
    build_team(make_clinician)
    response = client.get("/team/role/clinical/")
    assert response.status_code == 200
    assert card_names(response) == [
        "Marcus Bell, CPRS",
        "Elena Novak, LPC",
        "Maya Okafor, LMSW",
    ]
    html = soup(response)
    assert html.title.get_text().startswith("Therapists and counselors | ")
    current = html.select('.role-filter a[aria-current="page"]')
    assert [a.get_text() for a in current] == ["Therapists"]
    filters = {a.get_text(): a["href"] for a in html.select(".role-filter a")}
    assert filters == {
        "Everyone": "/team/",
        "Therapists": "/team/role/clinical/",
        "Medical": "/team/role/medical/",
        "Leadership": "/team/role/leadership/",
    }
    assert html.select_one(".team-group h2").get_text() == "Therapists and counselors"


def test_role_with_nobody_shows_a_friendly_message(client, make_clinician):
    build_team(make_clinician)
    response = client.get("/team/role/admissions/")
    assert response.status_code == 200
    assert soup(response).select(".empty-state")


def test_unknown_role_is_not_found(client, team_index):
    assert client.get("/team/role/wizards/").status_code == 404


def test_clinician_pages_still_route_under_the_index(client, make_clinician):
    clinician = make_clinician(first_name="Role", last_name="Model", slug="role")
    assert client.get("/team/role/").status_code == 200
    assert clinician.url == "/team/role/"


def test_empty_team_page(client, team_index):
    response = client.get("/team/")
    assert response.status_code == 200
    assert soup(response).select(".empty-state")
    assert soup(response).select(".role-filter") == []


def test_team_page_has_no_filter_for_a_single_group(client, make_clinician):
    make_clinician()
    assert soup(client.get("/team/")).select(".role-filter") == []
