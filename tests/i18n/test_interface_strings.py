"""No English interface words on Spanish pages: every page type, the chat dialog and
the notices drawn under /es/ are read as a visitor reads them (text, alt, labels,
placeholders, titles) and checked for every English sentence of our catalogue."""

import datetime
import html
import json
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation

from contact.insurers import InsurerPlan
from demo.factories.contact import CostPageFactory, InsurerFactory
from demo.factories.locations import CredentialFactory
from demo.factories.notices import NoticeVersionFactory
from demo.factories.selfchecks import SelfCheckPageFactory
from lantana.core.views import server_error
from locations.facts import FAMILIES
from notices.models import NoticeVersion
from selfchecks.instruments import INSTRUMENTS
from selfchecks.models import SelfCheckPage
from tests.support.languages import spanish_locale, translate

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"
SHOWN_ATTRIBUTES = ("alt", "aria-label", "placeholder", "title", "content")


def english_sentences() -> set[str]:
    """Every English interface string worth looking for: whole, or its longest
    fixed part where it has slots or markup."""
    found = set()
    for entry in polib.pofile(str(CATALOGUE)):
        if entry.msgctxt or entry.msgstr == entry.msgid:
            continue
        for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
            parts = re.split(r"%\(\w+\)s|\{\w*\}|<[^>]+>", msgid)
            longest = max((part.strip() for part in parts), key=len)
            if len(longest) >= 14:
                found.add(html.unescape(longest))
    return found


def visible_text(markup: str) -> str:
    """What a visitor sees or hears: text and the attributes browsers show or read."""
    markup = re.sub(
        r"<script\b.*?</script>|<style\b.*?</style>", " ", markup, flags=re.S
    )
    said = [
        value
        for name in SHOWN_ATTRIBUTES
        for value in re.findall(rf'\s{name}="([^"]*)"', markup)
    ]
    text = re.sub(r"<[^>]+>", " ", markup)
    return re.sub(r"\s+", " ", html.unescape(" ".join([text, *said])))


def english_left(markup: str, sentences: set[str]) -> list[str]:
    text = visible_text(markup)
    return sorted(sentence for sentence in sentences if sentence in text)


@pytest.fixture
def spanish_site(built_site, clinician):
    """The built site with every page translated into Spanish (titles in Spanish),
    a self-check, credentials, availability, facts for families, the cost page with
    an insurer and its plans, and notices."""
    spanish = spanish_locale()
    site = built_site
    check = SelfCheckPageFactory(parent=site.home)
    location = site.location
    CredentialFactory(covers=[location], shown_on=[location])
    location.accepting_new_patients = True
    location.next_assessment_on = timezone.localdate() + datetime.timedelta(days=3)
    location.availability_updated_at = timezone.now()
    for family in FAMILIES:  # every label of every family
        setattr(location, family.name, list(family.choices.values))
    location.offers_telehealth = True
    insurer = InsurerFactory(name="Palmetto Mutual")
    InsurerPlan.objects.create(insurer=insurer, name="Palmetto Choice PPO")
    location.insurers_accepted.add(insurer)
    location.save_revision().publish()
    cost = CostPageFactory(
        parent=site.home,
        insurance_text="<p>Seguro.</p>",
        billed_separately_text="<p>Aparte.</p>",
        form_heading="Revisamos su seguro",
    )
    NoticeVersionFactory()
    pages = [
        site.home,
        site.about,
        site.programs,
        site.location_index,
        location,
        site.team_index,
        site.clinicians[0],
        clinician,
        site.article_index,
        *site.articles,
        site.contact_page,
        cost,
        check,
    ]
    return {
        page.pk: translate(page, spanish, title=f"Página {n}")
        for n, page in enumerate(pages)
    }


def test_spanish_pages_have_no_english_interface_words(client, spanish_site):
    sentences = english_sentences()
    assert len(sentences) > 150
    urls = [page.url for page in spanish_site.values()]
    urls += ["/es/search/?q=recuperación", "/es/search/?q=zzzz", "/es/search/"]
    urls += ["/es/chat/", "/es/chat/dialog/", "/es/notices/", "/es/no-such-page/"]
    urls += ["/es/estimate/"]
    kind = NoticeVersion.objects.get().kind
    urls += [f"/es/notices/{kind}/", f"/es/notices/{kind}/versions/"]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        markup = response.content.decode()
        assert '<html lang="es">' in markup or url.endswith("dialog/"), url
        assert english_left(markup, sentences) == [], url


def test_the_same_pages_in_english_are_found_to_have_them(client, spanish_site):
    """The check above can fail: English pages show the English sentences."""
    sentences = english_sentences()
    for url in ("/", "/chat/dialog/", "/search/?q=zzzz"):
        assert english_left(client.get(url).content.decode(), sentences), url


def test_the_self_check_result_is_spanish(client, spanish_site):
    check = next(p for p in spanish_site.values() if isinstance(p, SelfCheckPage))
    response = client.post(f"/es/self-check/{check.pk}/result/", {})
    assert response.status_code in (200, 400)
    markup = response.content.decode()
    assert english_left(markup, english_sentences()) == []


def test_the_error_pages_are_spanish_under_es(rf, home):
    request = rf.get("/es/")
    with translation.override("es"):
        markup = server_error(request).content.decode()
    assert '<html lang="es">' in markup
    assert english_left(markup, english_sentences()) == []
    csrf_client = Client(enforce_csrf_checks=True)
    refused = csrf_client.post("/es/chat/", {"chat-preferred_name": "Ana"})
    assert refused.status_code == 403
    assert english_left(refused.content.decode(), english_sentences()) == []


def live_words(client, url) -> dict[str, str]:
    markup = client.get(url).content.decode()
    found = re.search(r'data-live-strings="([^"]*)"', markup)
    assert found, "no data-live-strings on the dialog"
    return json.loads(html.unescape(found[1]))


def test_the_live_chat_script_gets_its_words_in_spanish(client, home):
    """Every word chat-live.js writes comes from the dialog, translated."""
    script = (Path(settings.BASE_DIR) / "static" / "js" / "chat-live.js").read_text()
    used = set(re.findall(r'words\("(\w+)"', script))
    english = live_words(client, "/chat/dialog/")
    spanish = live_words(client, "/es/chat/dialog/")
    assert used <= set(spanish) and set(spanish) == set(english)
    same = {key for key in spanish if spanish[key] == english[key]}
    assert same == {"label_error"}  # "Error: " reads the same
    assert "{name}" in spanish["typing"] and "{minutes}" in spanish["waiting_minutes"]


def instrument_words(instrument) -> set[str]:
    """Every English word group a visitor reads from an instrument, except the
    citations (kept in English) and words that read the same in Spanish."""
    with translation.override("en"):
        english = {
            str(text)
            for text in (
                instrument.name,
                instrument.about,
                instrument.note,
                instrument.original,
                *(q.text for q in instrument.questions),
                *(a.label for q in instrument.questions for a in q.answers),
                *(field for b in instrument.bands for field in band_words(b)),
            )
            if str(text)
        }
    with translation.override("es"):
        spanish = {str(translation.gettext(text)) for text in english}
    return english - spanish


def band_words(band) -> tuple:
    return (band.title, band.reading, band.next_steps)


def found(words: set[str], text: str) -> list[str]:
    """The words shown whole in text (not inside a longer word)."""
    return [w for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]


def scoring_inputs(markup: str) -> list[str]:
    """Each answer's field, value, points and urgency: what both scorings read."""
    return re.findall(r'<input type="radio"[^>]*>', markup)


@pytest.mark.parametrize("slug", list(INSTRUMENTS))
def test_each_self_check_reads_in_spanish_with_the_same_scoring(client, home, slug):
    instrument = INSTRUMENTS[slug]
    check = SelfCheckPageFactory(parent=home, instrument=slug, slug=slug)
    check_es = translate(check, spanish_locale(), title="Revise su consumo")
    words = instrument_words(instrument)
    assert len(words) > 10
    markup = client.get(check_es.url).content.decode()
    shown = visible_text(markup)
    # Every band is drawn (hidden) for the browser, so every band is checked here.
    assert found(words, shown) == [], slug
    assert english_left(markup, english_sentences()) == []
    assert "traducción de nuestra clínica" in shown  # pending the clinicians' review
    assert "publicó" in shown or "publicaron" in shown  # published in English by…
    assert instrument.citation[0][:20] in markup  # the citations stay in English
    assert 'lang="en"' in markup
    english_markup = client.get(check.url).content.decode()
    assert "traducción" not in english_markup
    # The check can fail: the English page shows them all (the note on who
    # published the original is for translations only).
    with translation.override("en"):
        original = str(instrument.original)
    assert set(found(words, visible_text(english_markup))) == words - {original}
    assert scoring_inputs(markup) == scoring_inputs(english_markup)
    assert len(scoring_inputs(markup)) == sum(
        len(q.answers) for q in instrument.questions
    )


@pytest.mark.parametrize("slug", list(INSTRUMENTS))
def test_each_spanish_self_check_result_scores_the_same(client, home, slug):
    instrument = INSTRUMENTS[slug]
    check = SelfCheckPageFactory(parent=home, instrument=slug, slug=slug)
    check_es = translate(check, spanish_locale(), title="Revise su consumo")
    words = instrument_words(instrument)
    for last in (False, True):  # the first answer everywhere, then the last
        data = {
            q.name: str(len(q.answers) - 1 if last else 0) for q in instrument.questions
        }
        english = client.post(f"/self-check/{check.pk}/result/", data)
        spanish = client.post(f"/es/self-check/{check_es.pk}/result/", data)
        assert spanish.status_code == english.status_code == 200
        result = spanish.context["result"]
        assert result.score == english.context["result"].score
        assert result.band == english.context["result"].band
        shown = visible_text(spanish.content.decode())
        assert f"{result.score} de {instrument.max_score}" in shown
        with translation.override("es"):
            assert str(result.band.title) in shown
        assert found(words, shown) == [], (slug, last)
    url = f"/es/self-check/{check_es.pk}/result/"
    refused = client.post(url, {"q1": "0"})
    assert refused.status_code == 400
    assert "Responda todas las preguntas" in refused.content.decode()
    refused = client.post(url, {**data, "score": "0"})
    assert refused.status_code == 400
    assert "El formulario envió algo que no pregunta." in refused.content.decode()
