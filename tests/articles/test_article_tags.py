"""`{% article_body %}` and `{% article_toc %}` print exactly what the blocks'
templates (templates/blocks/) and articles/includes/toc_entries.html draw, and the
article's topics and images are read as the ORM and translated_list read them."""

import datetime
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from articles.blocks import ArticleStreamBlock
from articles.models import TOPIC_SHOWN, ArticlePage, Topic
from articles.templatetags.article_tags import (
    FIGURE_PICTURE,
    PRINTERS,
    article_toc,
    rendition_specs,
)
from articles.text import table_of_contents
from lantana.core.images import read_images, read_images_shown
from lantana.core.translated import translated_list
from tests.support.languages import spanish_locale

pytestmark = pytest.mark.django_db

ESCAPED = 'Tom & "Jerry" <b>\'s</b>'
LONG_URL = "https://example.org/" + "a-very-long-path/" * 5


@pytest.fixture
def request_(site):
    request = RequestFactory().get("/")
    request._wagtail_site = site
    return request


def shapes(photo, page):
    """Raw values of every block type printed in Python, in each of its shapes."""
    return {
        "heading": [
            {"text": ESCAPED, "level": "h2"},
            {"text": "Sub & section", "level": "h3"},
        ],
        "rich_text": [
            '<p>Plain & <b>bold</b>, <a href="https://example.org/?a=1&amp;b=2">a'
            "</a></p><ul><li>one</li></ul>",
            "",
        ],
        "quote": [
            {"quote": ESCAPED, "attribution": ESCAPED},
            {"quote": "Alone", "attribution": ""},
        ],
        "callout": [{"heading": ESCAPED, "points": [ESCAPED, "Second"]}],
        "call_to_action": [
            {"heading": ESCAPED, "text": ESCAPED, "link_page": page.pk,
             "link_url": "", "link_label": ESCAPED},
            {"heading": "Chat", "text": "", "link_page": None,
             "link_url": "/chat/", "link_label": "Chat with us"},
            {"heading": "Out", "text": "x", "link_page": None,
             "link_url": "https://example.org/?a=1&b=2", "link_label": "Go"},
            {"heading": "Bad", "text": "", "link_page": None,
             "link_url": "javascript:alert(1)", "link_label": "Nope"},
            {"heading": "None", "text": "", "link_page": None,
             "link_url": "", "link_label": "Nothing"},
        ],
        "references": [
            {"heading": ESCAPED, "references": [
                {"citation": ESCAPED, "url": "https://example.org/?a=1&b=2"},
                {"citation": "Long", "url": LONG_URL},
                {"citation": "Unsafe", "url": "javascript:alert(1)"},
                {"citation": "None", "url": ""},
            ]},
        ],
        "image": [
            {"image": photo.pk, "alt_text": ESCAPED, "caption": ESCAPED},
            {"image": photo.pk, "alt_text": "", "caption": ""},
            {"image": None, "alt_text": "", "caption": ""},
        ],
        "code": [{"text": "if a < b && c:\n    print('\"x\"')"}],
        "definition_list": [
            {"definitions": [
                {"term": ESCAPED, "definition": "<p><b>Bold</b> & plain</p>"},
                {"term": "Two", "definition": "<p>Second</p>"},
            ]},
        ],
    }  # fmt: skip


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_printed_block_matches_its_template(
    photo, make_article, request_, language
):
    linked = make_article(title="Linked")
    stream = ArticleStreamBlock()
    assert set(PRINTERS) <= set(stream.child_blocks)
    with translation.override(language):
        for name, raws in shapes(photo, linked).items():
            block = stream.child_blocks[name]
            for raw in raws:
                value = block.to_python(raw)
                for anchor in ("section-one", None):
                    context = {"anchor": anchor, "request": request_}
                    drawn = block.render(value, context)
                    assert PRINTERS[name](value, anchor, request_) == drawn, name


@pytest.mark.parametrize("language", ["en", "es"])
def test_article_body_matches_include_block(photo, make_article, request_, language):
    """The whole body, with the blocks drawn through their templates (a table, a
    gallery) among the printed ones."""
    linked = make_article(title="Linked")
    raw = [
        {"type": name, "value": value}
        for name, values in shapes(photo, linked).items()
        for value in values
    ]
    raw += [
        {"type": "table", "value": {"data": [["a", "b"], ["1 & 2", ""]],
         "first_row_is_table_header": True, "first_col_is_header": False,
         "table_caption": ESCAPED}},
        {"type": "gallery", "value": {"images": [
            {"image": photo.pk, "alt_text": "", "caption": ESCAPED}],
         "caption": "Both"}},
    ]  # fmt: skip
    body = ArticleStreamBlock().to_python(raw)
    pairs = [(block, f"anchor-{i}" if i % 2 else None) for i, block in enumerate(body)]
    context = {"body_blocks": pairs, "request": request_}
    with translation.override(language):
        printed = Template("{% load article_tags %}{% article_body body_blocks %}")
        reference = Template(
            "{% load wagtailcore_tags %}{% for block, anchor in body_blocks %}"
            "{% include_block block with anchor=anchor %}{% endfor %}"
        )
        assert printed.render(Context(context)) == reference.render(Context(context))


def test_table_of_contents_matches_its_template():
    toc = table_of_contents(
        [
            (ESCAPED, "first", "h2"),
            ("Child & one", "child-one", "h3"),
            ("Child two", "child-two", "h3"),
            ("Second", "second", "h2"),
            ("Orphan", "orphan", "h3"),
        ]
    )
    for entries in (toc, toc[:1], []):
        drawn = render_to_string("articles/includes/toc_entries.html", {"toc": entries})
        assert article_toc(entries) == drawn


@pytest.mark.parametrize("language", ["en", "es"])
def test_topics_read_as_translated_list(make_article, language):
    spanish = spanish_locale()
    family = Topic.objects.create(name="Family", slug="family")
    work = Topic.objects.create(name="Work & <life>", slug="work")
    Topic.objects.create(name="Other", slug="other")
    es = family.copy_for_translation(spanish)
    es.name, es.slug, es.description = "Familia", "familia", "La familia"
    es.save()
    article = make_article(topics=[work, family])
    article = ArticlePage.objects.get(pk=article.pk)
    with translation.override(language):
        expected = translated_list(article.topics.all(), *TOPIC_SHOWN)
        found = article.get_topics()
    fields = [f"local_{name}" for name in TOPIC_SHOWN]
    if language == "es":
        fields.append("local_language")
    assert [t.pk for t in found] == [t.pk for t in expected]
    for got, want in zip(found, expected, strict=True):
        for name in ["name", "slug", "locale_id", "translation_key", *fields]:
            assert getattr(got, name) == getattr(want, name), name
    assert hasattr(found[0], "local_language") == (language == "es")


def test_images_shown_have_only_their_renditions(photo):
    specs = rendition_specs(FIGURE_PICTURE)
    for spec in (*specs, "fill-100x100"):
        photo.get_rendition(spec)
    assert read_images_shown({None: specs}) == {}
    (shown,) = read_images_shown({photo.pk: specs, None: ["fill-100x100"]}).values()
    assert sorted(r.filter_spec for r in shown.prefetched_renditions) == sorted(specs)
    (everything,) = read_images([photo.pk]).values()
    assert len(everything.prefetched_renditions) == len(specs) + 1
    assert all(r.image is shown for r in shown.prefetched_renditions)


HEADER = (
    "{% load article_tags %}{% article_header page breadcrumbs topic_links languages %}"
)
HEADER_REFERENCE = '{% include "articles/includes/article_header.html" %}'


@pytest.mark.parametrize("language", ["en", "es"])
def test_article_header_matches_its_template(
    make_article, author, reviewing_clinician, topic, photo, request_, language
):
    spanish = spanish_locale()
    familia = topic.copy_for_translation(spanish)
    familia.name, familia.slug = "Familia & <co>", "familia"
    familia.save()
    plain = Topic.objects.create(name="Work & life", slug="work")
    article = make_article(
        title='Plain & "simple" <b>',
        summary="A < B & C",
        topics=[topic, plain],
        hero_image=photo,
        author=author,
        reviewer=reviewing_clinician,
        last_reviewed=datetime.date(2026, 3, 4),
        publication_date=datetime.date(2026, 1, 2),
    )
    with translation.override(language):
        page = ArticlePage.objects.get(pk=article.pk)
        context = {"page": page, "request": request_}
        context.update(page.get_costly_context(request_))
        assert context["topic_links"] and page.author and page.hero_image

        def compare(**changes):
            values = {**context, **changes}
            for words in ("", "en"):
                values["languages"] = SimpleNamespace(content_language=words)
                printed = Template(HEADER).render(Context(values))
                assert printed == Template(HEADER_REFERENCE).render(Context(values))

        compare()
        compare(topic_links=[], breadcrumbs=context["breadcrumbs"][-1:])
        page.author.live = page.reviewer.live = False
        compare()
        page.author, page.hero_image, page.last_reviewed = None, None, None
        compare()
