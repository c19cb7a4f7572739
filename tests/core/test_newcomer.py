"""What a newcomer sees first: titles naming the clinic once, a description on every
page type, and links that follow the port the dev server runs on."""

import html as html_lib
import json
import re
import subprocess
import sys

import pytest
from django.conf import settings
from wagtail.models import get_page_models

from demo.factories.articles import ArticleIndexPageFactory, ArticlePageFactory
from demo.factories.contact import ContactPageFactory, CostPageFactory
from demo.factories.core import (
    StandardPageFactory,
    base_url_address,
    make_site_root,
)
from demo.factories.locations import LocationIndexPageFactory, LocationPageFactory
from demo.factories.selfchecks import SelfCheckPageFactory
from demo.factories.staff import ClinicianPageFactory, StaffIndexPageFactory
from lantana.core.seo import branded_title, page_description, trim_at_word

LONG = (
    "Recovery rarely follows a straight line, and our outpatient programs are built "
    "around that: evening groups, individual therapy, family sessions and medical "
    "support, arranged around work and home so that treatment fits the life you have."
)


def title_of(html: str) -> str:
    return html_lib.unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1))


def description_of(html: str) -> str | None:
    found = re.search(r'<meta name="description" content="([^"]*)">', html)
    return html_lib.unescape(found.group(1)) if found else None


def one_of_each_page_type(home) -> dict:
    """One page of every type, each with its usual words and no search description."""
    locations = LocationIndexPageFactory(parent=home, intro="Where to find us.")
    articles = ArticleIndexPageFactory(parent=home)
    team = StaffIndexPageFactory(parent=home)
    body = [("rich_text", f"<p>{LONG}</p>")]
    return {
        "HomePage": home,
        "StandardPage": StandardPageFactory(parent=home, intro="", body=body),
        "LocationIndexPage": locations,
        "LocationPage": LocationPageFactory(
            parent=locations, description="<p>Our Wentworth Street office.</p>"
        ),
        "ArticleIndexPage": articles,
        "ArticlePage": ArticlePageFactory(parent=articles, summary=LONG),
        "StaffIndexPage": team,
        "ClinicianPage": ClinicianPageFactory(parent=team),
        "ContactPage": ContactPageFactory(parent=home),
        "CostPage": CostPageFactory(parent=home, intro=f"<p>{LONG}</p>"),
        "SelfCheckPage": SelfCheckPageFactory(parent=home, intro=LONG),
    }


def test_every_page_type_has_a_trimmed_meta_description(client, home):
    pages = one_of_each_page_type(home)
    ours = {
        model.__name__
        for model in get_page_models()
        if model._meta.app_label != "wagtailcore"
    }
    assert ours <= set(pages), "add the new page type here"
    for name, page in pages.items():
        html = client.get(page.url).content.decode()
        description = description_of(html)
        assert description, name
        assert len(description) <= 155, name
        assert '<meta property="og:description" content="' in html, name
    article_html = client.get(pages["ArticlePage"].url).content.decode()
    assert description_of(article_html).endswith("…")
    assert LONG.startswith(description_of(article_html)[:-1])


def test_a_search_description_wins_over_the_intro(client, home):
    page = StandardPageFactory(parent=home, search_description="Our own words.")
    assert description_of(client.get(page.url).content.decode()) == "Our own words."


def test_descriptions_are_cut_at_a_word_boundary():
    cut = trim_at_word(LONG, 155)
    assert len(cut) <= 155 and cut.endswith("…")
    assert LONG.startswith(cut[:-1]) and LONG[len(cut) - 1] == " "
    assert trim_at_word("Short.", 155) == "Short."
    assert page_description(None) == ""


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Our team", "Our team | Lantana Recovery"),
        (
            "Lantana Recovery | Addiction treatment",
            "Lantana Recovery | Addiction treatment",
        ),
        ("Contact Lantana Recovery", "Contact Lantana Recovery"),
        ("", "Lantana Recovery"),
    ],
)
def test_the_title_names_the_clinic_once(title, expected):
    assert branded_title(title, "Lantana Recovery") == expected


def test_every_page_type_names_the_clinic_once_in_its_title(client, home):
    home.seo_title = "Lantana Recovery | Addiction treatment in Charleston, SC"
    home.save_revision().publish()
    for name, page in one_of_each_page_type(home).items():
        title = title_of(client.get(page.url).content.decode())
        assert title.count("Lantana Recovery") == 1, (name, title)


# --- The port the dev server runs on -------------------------------------------------


def dev_setting(name: str, env: dict) -> str:
    code = f"import lantana.settings.dev as s; print(s.{name})"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=str(settings.BASE_DIR),
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_dev_admin_links_follow_port():
    assert dev_setting("WAGTAILADMIN_BASE_URL", {}) == "http://127.0.0.1:8000"
    assert dev_setting("WAGTAILADMIN_BASE_URL", {"PORT": "9400"}) == (
        "http://127.0.0.1:9400"
    )
    chosen = {"PORT": "9400", "WAGTAILADMIN_BASE_URL": "https://lantana.test"}
    assert dev_setting("WAGTAILADMIN_BASE_URL", chosen) == "https://lantana.test"


def test_a_site_served_on_another_port_links_to_that_port(client, home, settings):
    """As after `PORT=9400 make run`: dev settings' base URL, the demo Site placed
    there by load_demo, and every absolute URL a page or the sitemap gives."""
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:9400"
    assert base_url_address() == ("127.0.0.1", 9400)
    make_site_root(home, *base_url_address())
    page = StandardPageFactory(parent=home, slug="programs")
    served = {"HTTP_HOST": "127.0.0.1:9400"}
    html = client.get("/programs/", **served).content.decode()
    assert '<link rel="canonical" href="http://127.0.0.1:9400/programs/">' in html
    assert '<meta property="og:url" content="http://127.0.0.1:9400/programs/">' in html
    assert "http://localhost" not in html
    sitemap = client.get("/sitemap.xml", **served).content.decode()
    assert "<loc>http://127.0.0.1:9400/programs/</loc>" in sitemap
    assert "<loc>http://127.0.0.1:9400/</loc>" in sitemap
    robots = client.get("/robots.txt", **served).content.decode()
    assert "Sitemap: http://127.0.0.1:9400/sitemap.xml" in robots
    home_html = client.get("/", **served).content.decode()
    json_ld = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', home_html, re.S
    )
    assert any(
        json.loads(block).get("url") == "http://127.0.0.1:9400/" for block in json_ld
    )
    assert page.get_full_url() == "http://127.0.0.1:9400/programs/"


def test_make_run_names_the_address_where_passkeys_work():
    """Browsers refuse passkeys on 127.0.0.1: make run prints the localhost address
    the dev settings accept them from, on the port it serves."""
    result = subprocess.run(  # noqa: S603
        ["make", "-n", "run", "PORT=9400"],  # noqa: S607
        cwd=str(settings.BASE_DIR),
        capture_output=True,
        text=True,
        check=True,
    )
    assert "http://localhost:9400/admin/" in result.stdout
    origins = dev_setting("OTP_WEBAUTHN_ALLOWED_ORIGINS", {"PORT": "9400"})
    assert origins == "['http://localhost:9400']"
    assert dev_setting("OTP_WEBAUTHN_RP_ID", {"PORT": "9400"}) == "localhost"
