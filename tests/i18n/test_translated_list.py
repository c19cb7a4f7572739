"""translated_list reads a page's own snippets in the visitor's language with one
plain join: the same rows, words, language marks and order as with_translation."""

from django.utils import translation

from articles.models import Topic
from demo.factories.articles import ArticlePageFactory, TopicFactory
from lantana.core.translated import translated_list, with_translation

SHOWN = ("name", "slug", "description")


def words(rows) -> list[tuple]:
    return [
        (
            row.pk,
            *(getattr(row, f"local_{field}") for field in SHOWN),
            getattr(row, "local_language", None),
        )
        for row in rows
    ]


def test_same_rows_words_and_order_as_with_translation(home, spanish):
    recovery = TopicFactory(
        name="Recovery", slug="recovery", description="Getting well"
    )
    family = TopicFactory(name="Family", slug="family", description="")
    alcohol = TopicFactory(name="Alcohol", slug="alcohol", description="Drinking")
    article = ArticlePageFactory(parent=home, topics=[recovery, family, alcohol])
    recuperacion = recovery.copy_for_translation(spanish)
    recuperacion.name, recuperacion.slug = "Recuperación", "recuperacion"
    recuperacion.description = "Sanar"
    recuperacion.save()

    for language in ("en", "es"):
        with translation.override(language):
            expected = words(with_translation(article.topics.all(), *SHOWN))
            assert words(translated_list(article.topics.all(), *SHOWN)) == expected
    with translation.override("es"):
        shown = translated_list(article.topics.all(), *SHOWN)
    # Ordered by the English name, as the topics' own ordering says.
    assert [(t.local_name, t.local_language) for t in shown] == [
        ("Alcohol", "en"),
        ("Family", "en"),
        ("Recuperación", "es"),
    ]
    assert shown[2].local_description == "Sanar" and shown[2].name == "Recovery"


def test_an_explicit_ordering_and_filters_are_kept(home, spanish):
    for name in ("Bravo", "Alpha", "Charlie"):
        TopicFactory(name=name, slug=name.lower())
    topics = Topic.objects.filter(name__in=["Alpha", "Charlie"]).order_by("-name")
    with translation.override("es"):
        assert [t.local_name for t in translated_list(topics, "name")] == [
            "Charlie",
            "Alpha",
        ]


def test_a_previews_unsaved_relation_is_translated_in_python(home, spanish):
    recovery = TopicFactory(name="Recovery", slug="recovery")
    recuperacion = recovery.copy_for_translation(spanish)
    recuperacion.name = "Recuperación"
    recuperacion.save()
    with translation.override("es"):
        (shown,) = translated_list([recovery], "name")
    assert (shown.local_name, shown.local_language) == ("Recuperación", "es")
