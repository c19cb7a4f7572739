"""Each page type in English and Spanish: `lang`, the switcher, hreflang pairs,
canonical, JSON-LD's inLanguage, the sitemap and search in the visitor's language."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from demo.factories.articles import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    TopicFactory,
)
from demo.factories.contact import ContactPageFactory
from demo.factories.core import StandardPageFactory
from demo.factories.staff import (
    ClinicianPageFactory,
    StaffIndexPageFactory,
    TherapeuticApproachFactory,
)
from tests.support.languages import translate


def alternates(html: str) -> dict[str, str]:
    return dict(
        re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
    )


def canonical(html: str) -> str:
    return re.search(r'<link rel="canonical" href="([^"]+)">', html)[1]


def switcher(html: str) -> dict[str, str]:
    nav = re.search(r'<nav class="language-switcher"(.*?)</nav>', html, re.S)[1]
    return {
        code: href
        for href, code in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', nav)
    }


@pytest.fixture
def every_page_type(home, location):
    index = ArticleIndexPageFactory(parent=home)
    team = StaffIndexPageFactory(parent=home)
    return [
        home,
        StandardPageFactory(parent=home, title="Admissions", slug="admissions"),
        index,
        ArticlePageFactory(parent=index, title="The social model", slug="social-model"),
        team,
        ClinicianPageFactory(parent=team),
        location.get_parent().specific,
        location,
        ContactPageFactory(parent=home),
    ]


def test_every_page_type_in_both_languages(client, every_page_type, spanish):
    for page in every_page_type:
        spanish_page = translate(page, spanish, title=f"{page.title} (es)")
        english_html = client.get(page.url).content.decode()
        spanish_response = client.get(spanish_page.url)
        assert spanish_response.status_code == 200, spanish_page.url
        spanish_html = spanish_response.content.decode()
        assert spanish_page.url.startswith("/es/")
        assert '<html lang="en">' in english_html, page.url
        assert '<html lang="es">' in spanish_html, spanish_page.url
        pair = {
            "en": page.full_url,
            "es": spanish_page.full_url,
            "x-default": page.full_url,
        }
        assert alternates(english_html) == pair, page.url
        assert alternates(spanish_html) == pair, spanish_page.url
        assert canonical(english_html) == page.full_url
        assert canonical(spanish_html) == spanish_page.full_url
        assert switcher(english_html) == {"es": spanish_page.url}
        assert switcher(spanish_html) == {"en": page.url}


def test_switcher_goes_to_the_nearest_translated_ancestor(
    client, home, home_es, spanish
):
    index = ArticleIndexPageFactory(parent=home)
    article = ArticlePageFactory(parent=index, slug="only-english")
    html = client.get(article.url).content.decode()
    # Neither the article nor its index is in Spanish: the Spanish home is.
    assert switcher(html) == {"es": "/es/"}
    assert alternates(html) == {}
    index_es = translate(index, spanish, title="Artículos")
    html = client.get(article.url).content.decode()
    assert switcher(html) == {"es": index_es.url}
    assert client.get(index_es.url).status_code == 200


def test_switcher_never_404s_even_with_no_spanish_at_all(client, home, spanish):
    html = client.get("/").content.decode()
    assert switcher(html) == {"es": "/es/"}
    # Without a Spanish home the prefix still answers (Wagtail serves the root).
    assert client.get("/es/").status_code in (200,)


def test_alias_in_spanish_tree_points_at_the_english_original(client, home, home_es):
    standard = StandardPageFactory(parent=home, title="Admissions", slug="admissions")
    alias = standard.copy_for_translation(home_es.locale, alias=True)
    response = client.get(alias.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="es">' in html
    main = BeautifulSoup(html, "html.parser").select_one("main")
    # The page around the words stays Spanish; the words are marked English.
    assert main.get("lang") is None
    assert main.select_one(".untranslated-note").get_text(strip=True) == (
        "Esta página todavía no está traducida, así que se la mostramos en inglés."
    )
    assert main.select_one("h1")["lang"] == "en"
    assert main.select_one(".prose")["lang"] == "en"
    assert canonical(html) == standard.full_url
    assert alternates(html) == {}
    assert switcher(html) == {"en": standard.url}


def test_article_json_ld_names_its_language(client, home, spanish):
    index = ArticleIndexPageFactory(parent=home)
    article = ArticlePageFactory(parent=index, slug="social-model")
    article_es = translate(article, spanish, title="El modelo social")
    for page, code in ((article, "en"), (article_es, "es")):
        html = client.get(page.url).content.decode()
        blocks = re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', html, re.S
        )
        graph = json.loads(blocks[0])["@graph"]
        assert {node["inLanguage"] for node in graph if "inLanguage" in node} == {code}


def test_sitemap_lists_both_languages_and_no_alias(client, home, home_es):
    standard = StandardPageFactory(parent=home, title="Admissions", slug="admissions")
    standard.copy_for_translation(home_es.locale, alias=True)
    xml = client.get("/sitemap.xml").content.decode()
    locs = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert home.full_url in locs
    assert home_es.full_url in locs
    assert standard.full_url in locs
    assert not any("/es/admissions/" in loc for loc in locs)


def test_search_answers_in_the_visitors_language(client, home, home_es, spanish):
    standard = StandardPageFactory(
        parent=home, title="Family visiting hours", slug="family"
    )
    standard_es = translate(
        standard, spanish, title="Horario de visitas familiares", slug="familia"
    )
    english = client.get("/search/", {"q": "family"})
    spanish_results = client.get("/es/search/", {"q": "familiares"})
    assert [p.pk for p in english.context["results"].object_list] == [standard.pk]
    assert [p.pk for p in spanish_results.context["results"].object_list] == [
        standard_es.pk
    ]
    # The Spanish search never shows the English page, even for an English word.
    assert not client.get("/es/search/", {"q": "family"}).context["results"].object_list


def test_search_page_switches_to_the_same_query(client, home, home_es):
    html = client.get("/search/", {"q": "ayuda"}).content.decode()
    assert switcher(html) == {"es": "/es/search/?q=ayuda"}


def test_pages_in_spanish_tree_after_sync_are_aliases(client, home, spanish):
    from wagtail.models import Locale
    from wagtail_localize.synctree import synchronize_tree

    StandardPageFactory(parent=home, title="Admissions", slug="admissions")
    synchronize_tree(Locale.get_default(), spanish)
    spanish_pages = Page.objects.filter(locale=spanish)
    assert spanish_pages.count() == 2  # home and admissions
    assert client.get("/es/admissions/").status_code == 200


def test_query_budgets_hold_in_both_languages(every_page_type, spanish):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    BUDGET = 12  # as tests/performance/test_query_budgets.py

    def queries(url):
        client = Client()
        client.get(url)  # warm the per-process caches, as a second visitor finds them
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    for page in every_page_type:
        spanish_page = translate(page, spanish, title=f"{page.title} (es)")
        english_count, spanish_count = queries(page.url), queries(spanish_page.url)
        assert english_count <= BUDGET, page.url
        assert spanish_count <= BUDGET, spanish_page.url
        assert spanish_count <= english_count + 1, (
            page.url,
            english_count,
            spanish_count,
        )


def test_untranslated_article_is_marked_english_where_it_is_listed(
    client, home, home_es, spanish, make_article
):
    english_only = make_article(title="Finding your footing", slug="footing")
    translated = make_article(title="Sleep again", slug="sleep")
    index = english_only.get_parent()
    index_es = translate(index, spanish, title="Artículos", slug="articulos")
    translate(translated, spanish, title="Volver a dormir", slug="dormir")
    # What wagtail-localize keeps in the Spanish tree until someone translates it.
    untranslated = english_only.copy_for_translation(spanish, alias=True)

    page = BeautifulSoup(client.get(untranslated.url).content, "html.parser")
    main = page.select_one("main")
    assert page.html["lang"] == "es" and main.get("lang") is None
    assert main.select_one(".untranslated-note")
    for selector in ("h1", ".article-header__summary", ".article-body"):
        assert main.select_one(selector)["lang"] == "en", selector
    # What the site writes around the article stays Spanish (unmarked).
    assert main.select_one(".byline__dates").get("lang") is None
    assert main.select_one(".breadcrumbs [aria-current]")["lang"] == "en"

    listing = BeautifulSoup(client.get(index_es.url).content, "html.parser")
    assert listing.select_one("main").get("lang") is None
    assert not listing.select_one(".untranslated-note")
    titles = {
        link.get_text(): link.get("lang")
        for link in listing.select(".article-card__title a")
    }
    assert titles == {"Finding your footing": "en", "Volver a dormir": None}
    summaries = [card.get("lang") for card in listing.select(".article-card__summary")]
    assert summaries.count("en") == 1 and summaries.count(None) == 1

    # In English nothing is marked: every page there is in English.
    english = BeautifulSoup(client.get(index.url).content, "html.parser")
    assert not english.select(".article-card [lang]")
    assert not english.select_one(".untranslated-note")


def test_a_topic_nobody_translated_yet_is_marked_english(
    client, home, home_es, spanish, make_article
):
    recovery = TopicFactory(name="Recovery", slug="recovery")
    family = TopicFactory(name="Family", slug="family")
    english = make_article(title="Finding your footing", topics=[recovery, family])
    index_es = translate(
        english.get_parent(), spanish, title="Artículos", slug="articulos"
    )
    article_es = translate(english, spanish, title="Encontrar su equilibrio")
    recuperacion = recovery.copy_for_translation(spanish)
    recuperacion.name, recuperacion.slug = "Recuperación", "recuperacion"
    recuperacion.save()

    def marks(url: str, selector: str) -> dict:
        page = BeautifulSoup(client.get(url).content, "html.parser")
        return {link.get_text(): link.get("lang") for link in page.select(selector)}

    # Family's English name stands in for the Spanish one, marked as English.
    assert marks(article_es.url, ".article-header__topics a") == {
        "Recuperación": None,
        "Family": "en",
    }
    pills = marks(index_es.url, ".topic-filter a")
    assert pills["Recuperación"] is None and pills["Family"] == "en"
    topic_page = BeautifulSoup(
        client.get(f"{index_es.url}topic/family/").content, "html.parser"
    )
    assert topic_page.select_one("main h1")["lang"] == "en"
    # A card's topic line: the first topic by the name shown ("Family" before
    # "Recuperación"), in a listing and under "Keep reading".
    assert marks(index_es.url, ".article-card__topic") == {"Family": "en"}
    neighbour = make_article(title="Sleep", topics=[family])
    neighbour_es = translate(neighbour, spanish, title="Dormir")
    assert marks(neighbour_es.url, ".article-card__topic") == {"Family": "en"}
    recuperacion.name = "Alivio"  # now first, and translated: not marked
    recuperacion.save()
    assert marks(index_es.url, ".article-card__topic") == {
        "Alivio": None,  # the first article's card
        "Family": "en",  # the neighbour's
    }
    # Feeds mark the category with xml:lang, in RSS and in Atom.
    rss = client.get("/es/feeds/articles/rss/").content.decode()
    assert '<category xml:lang="en">Family</category>' in rss
    assert "<category>Alivio</category>" in rss
    atom = client.get("/es/feeds/articles/atom/").content.decode()
    assert '<category term="Family" xml:lang="en"' in atom
    # In English nothing is marked.
    assert not marks(english.url, ".article-header__topics a[lang]")
    assert not marks(english.get_parent().url, ".article-card__topic[lang]")
    assert "xml:lang" not in client.get("/feeds/articles/rss/").content.decode()


def test_an_approach_nobody_translated_yet_is_marked_english(
    client, home, home_es, spanish
):
    team = StaffIndexPageFactory(parent=home)
    clinician = ClinicianPageFactory(parent=team)
    listening = TherapeuticApproachFactory(name="Motivational interviewing")
    mindful = TherapeuticApproachFactory(name="Mindfulness")
    clinician.approaches.set([listening, mindful])
    clinician.save_revision().publish()
    translate(team, spanish, title="Nuestro equipo", slug="equipo")
    clinician_es = translate(clinician, spanish)
    entrevista = listening.copy_for_translation(spanish)
    entrevista.name = "Entrevista motivacional"
    entrevista.save()

    page = BeautifulSoup(client.get(clinician_es.url).content, "html.parser")
    marks = {
        item.select_one(".approach-list__name").get_text(): item.get("lang")
        for item in page.select(".approach-list li")
    }
    assert marks == {"Entrevista motivacional": None, "Mindfulness": "en"}


def test_a_location_lists_its_team_in_its_own_language_each_person_once(
    client, home_es, location, clinician, spanish
):
    # Translating a profile copies its links to locations: the Spanish Maya links
    # to the English Charleston, which she must not join twice, and the Spanish
    # Charleston must show her (and link her Spanish profile).
    ubicacion = translate(location, spanish)
    maya_es = translate(clinician, spanish, alias_of=None)
    assert maya_es.locations.get().location_id == location.pk

    english = client.get(location.url).content.decode()
    assert english.count('<article class="clinician-card">') == 1
    assert f'href="{clinician.url}"' in english
    assert f'href="{maya_es.url}"' not in english

    spanish_page = client.get(ubicacion.url).content.decode()
    assert spanish_page.count('<article class="clinician-card">') == 1
    assert f'href="{maya_es.url}"' in spanish_page

    profile = client.get(maya_es.url).content.decode()
    assert f'href="{ubicacion.url}"' in profile
    assert f'href="{location.url}"' not in profile
    # The English profile keeps the English location.
    assert f'href="{location.url}"' in client.get(clinician.url).content.decode()


def test_a_profile_whose_location_has_no_live_translation_links_the_original(
    client, home_es, location, clinician, spanish
):
    maya_es = translate(clinician, spanish)
    profile = client.get(maya_es.url).content.decode()
    assert f'href="{location.url}"' in profile
