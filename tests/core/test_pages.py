import json
import re

import pytest
from django.test import Client

from demo.factories.core import ImageFactory, StandardPageFactory
from demo.factories.locations import LocationOperatingHoursFactory, LocationPageFactory
from lantana.core.models import SiteSettings
from locations.models import LocationPhoto


def json_ld_blocks(html: str) -> list[dict]:
    pattern = r'<script type="application/ld\+json">(.*?)</script>'
    return [json.loads(block) for block in re.findall(pattern, html, re.S)]


def test_home_page_has_one_h1_hero_cta_and_organization(client, home, location):
    html = client.get("/").content.decode()
    assert html.count("<h1") == 1
    assert "Recovery is possible" in html
    assert 'class="button button--large"' in html
    assert "Visit us in Charleston" in html
    (organization,) = json_ld_blocks(html)
    assert organization["@type"] == "Organization"
    assert organization["telephone"] == "(843) 555-0134"


def test_chrome_is_on_every_page(client, home, location):
    for path in ["/", location.url, "/locations/"]:
        html = client.get(path).content.decode()
        assert 'href="tel:+18435550134"' in html, path
        assert 'class="skip-link" href="#main"' in html
        assert '<main id="main"' in html
        assert 'lang="en"' in html
        assert "988" in html
        assert 'class="action-bar"' in html
        assert "65 Wentworth Street" in html  # footer address from settings


def test_missing_phone_never_renders_an_empty_tel_link(client, home, site):
    clinic = SiteSettings.for_site(site)
    clinic.phone = ""
    clinic.crisis_phone = ""
    clinic.save()
    html = client.get("/").content.decode()
    assert 'href="tel:"' not in html
    assert 'href="tel:988"' in html


def test_location_page_json_ld_carries_address_geo_and_hours(client, location):
    response = client.get(location.url)
    assert response.status_code == 200
    (clinic,) = json_ld_blocks(response.content.decode())
    assert clinic["@type"] == "MedicalClinic"
    assert clinic["address"]["streetAddress"] == "42 Society Street"
    assert clinic["address"]["postalCode"] == "29401"
    assert clinic["geo"]["latitude"] == pytest.approx(32.7812)
    assert clinic["telephone"] == "(843) 555-0134"
    hours = clinic["openingHoursSpecification"]
    assert hours == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Monday",
            "opens": "08:00",
            "closes": "18:00",
        }
    ]


def test_location_page_shows_hours_directions_and_closed_days(client, location):
    html = client.get(location.url).content.decode()
    assert "Monday" in html and "8:00 a.m." in html
    assert "Sunday" in html and "Closed" in html
    assert (
        "https://www.google.com/maps/dir/?api=1&amp;destination=42+Society+Street"
        in html
    )
    assert "<iframe" not in html


def test_standard_page_renders_every_block(client, home):
    image = ImageFactory()
    page = StandardPageFactory(
        parent=home,
        title="About us",
        body=[
            {"type": "heading", "value": {"text": "Our story", "level": "h2"}},
            {"type": "rich_text", "value": "<p>We began <b>small</b>.</p>"},
            {
                "type": "image",
                "value": {
                    "image": image.pk,
                    "alt_text": "Row houses",
                    "caption": "Our street",
                },
            },
            {
                "type": "quote",
                "value": {"quote": "It helped.", "attribution": "An alumna"},
            },
            {
                "type": "call_to_action",
                "value": {
                    "heading": "Talk to us",
                    "text": "Any time.",
                    "link_page": None,
                    "link_url": "/chat/",
                    "link_label": "Chat with us",
                },
            },
        ],
    )
    html = client.get(page.url).content.decode()
    assert "<h2>Our story</h2>" in html
    assert "<b>small</b>" in html
    assert 'alt="Row houses"' in html and "Our street" in html
    assert "format-webp" not in html or ".webp" in html
    assert (
        'type="image/webp"' in html and 'loading="lazy"' in html and "srcset=" in html
    )
    assert "It helped." in html and "An alumna" in html
    assert "Talk to us" in html


def test_broken_image_reference_does_not_break_the_page(client, home):
    image = ImageFactory()
    page = StandardPageFactory(
        parent=home,
        body=[
            {
                "type": "image",
                "value": {"image": image.pk, "alt_text": "", "caption": "x"},
            }
        ],
    )
    image.file.storage.delete(image.file.name)  # the file vanished from storage
    assert client.get(page.url).status_code == 200
    image.delete()  # the image itself deleted
    assert client.get(page.url).status_code == 200


def test_unknown_url_gets_the_friendly_404(client, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()
    assert 'href="tel:+18435550134"' in response.content.decode()


def test_500_page_renders_without_the_database(rf):
    # No db fixture: any query here would raise "Database access not allowed".
    from lantana.core.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert 'href="tel:988"' in html


def test_public_pages_send_a_strict_content_security_policy(client, home):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_robots_txt_points_at_the_sitemap(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_sitemap_lists_every_live_page_and_no_draft(client, home, location):
    draft = StandardPageFactory(parent=home, title="Draft", slug="draft", live=False)
    live = StandardPageFactory(parent=home, title="About", slug="about")
    xml = client.get("/sitemap.xml").content.decode()
    for page in [home, location, live, location.get_parent()]:
        assert f"<loc>{page.specific.get_full_url()}</loc>" in xml
    assert draft.slug not in xml


def test_page_meta_canonical_and_open_graph(client, home):
    page = StandardPageFactory(
        parent=home,
        title="Admissions",
        seo_title="How to start",
        search_description="Steps.",
    )
    html = client.get(page.url).content.decode()
    assert "<title>How to start | Lantana Recovery</title>" in html
    assert '<meta name="description" content="Steps.">' in html
    assert f'<link rel="canonical" href="{page.full_url}">' in html
    assert '<meta property="og:title" content="How to start">' in html


def warm(client, url):
    assert client.get(url).status_code == 200


@pytest.fixture
def query_count(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url: str) -> int:
        warm(client, url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    return count


def test_location_page_queries_do_not_grow_with_hours_and_photos(query_count, location):
    LocationPhoto.objects.create(location=location, image=ImageFactory(), caption="c")
    one = query_count(location.url)
    for day in ["TUE", "WED", "THU", "FRI", "SAT"]:
        LocationOperatingHoursFactory(location=location, day=day)
    for _ in range(6):
        LocationPhoto.objects.create(
            location=location, image=ImageFactory(), caption="c"
        )
    assert query_count(location.url) == one


def test_location_index_queries_do_not_grow_with_locations(query_count, location_index):
    LocationPageFactory(parent=location_index, hero_image=ImageFactory())
    one = query_count(location_index.url)
    for _ in range(5):
        LocationPageFactory(parent=location_index, hero_image=ImageFactory())
    assert query_count(location_index.url) == one


def test_standard_page_queries_do_not_grow_with_children(query_count, home):
    page = StandardPageFactory(parent=home, title="Programs", slug="programs")
    StandardPageFactory(parent=page, show_in_menus=True)
    one = query_count(page.url)
    for _ in range(6):
        StandardPageFactory(parent=page, show_in_menus=True)
    assert query_count(page.url) == one


def test_home_page_query_count_is_fixed(query_count, home, location):
    one = query_count("/")
    assert one == query_count("/")


def test_pages_answer_anonymous_visitors_without_a_session(home):
    response = Client().get("/")
    assert "sessionid" not in response.cookies
    assert "csrftoken" not in response.cookies
