"""Search and reference indexing happen once per object at the end of an import
(wordpress/indexing.py), with the same result as indexing on every save."""

import pytest
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import ReferenceIndex
from wagtail.search.models import IndexEntry
from wagtail.tasks import update_reference_index_task

from articles.models import ArticlePage
from wordpress.indexing import searched_models
from wordpress.models import ImportedItem

pytestmark = pytest.mark.django_db


def search_entries() -> set:
    return set(
        IndexEntry.objects.values_list(
            "content_type_id", "object_id", "title", "body", "autocomplete"
        )
    )


def references() -> set:
    # Not content_path: a list block's items stored without ids (the gallery's
    # images) get fresh ids on every read, so that path differs on every indexing.
    return set(
        ReferenceIndex.objects.values_list(
            "base_content_type_id",
            "content_type_id",
            "object_id",
            "to_content_type_id",
            "to_object_id",
            "model_path",
        )
    )


def imported_objects():
    for item in ImportedItem.objects.all():
        model = item.content_type.model_class()
        yield model, str(item.object_id)


def test_indexing_at_the_end_matches_indexing_every_save(run_import):
    run_import("--publish")
    after_import = (search_entries(), references())
    articles = ArticlePage.objects.count()
    assert articles >= 3
    pks = [str(pk) for pk in ArticlePage.objects.values_list("pk", flat=True)]
    assert IndexEntry.objects.filter(object_id__in=pks).count() >= articles
    assert after_import[1]  # authors, images and topics are referenced
    # The tasks the save signals run, once more for every imported object: nothing changes.
    searched = set(searched_models())
    for model, pk in imported_objects():
        label = (model._meta.app_label, model._meta.model_name, pk)
        if model in searched:
            insert_or_update_object_task.call(*label)
        if model in ReferenceIndex.tracked_models:
            update_reference_index_task.call(*label)
    again = (search_entries(), references())
    for before, now in zip(after_import, again, strict=True):
        assert (before - now, now - before) == (set(), set())


def test_an_imported_article_is_found_by_site_search(run_import, client):
    run_import("--publish")
    article = ArticlePage.objects.live().first()
    response = client.get("/search/", {"q": article.title})
    assert response.status_code == 200
    assert article.url in response.content.decode()


def test_saves_after_the_import_are_indexed_on_save_again(run_import, client):
    run_import("--publish")
    article = ArticlePage.objects.live().first()
    article.title = "Quokka lantern evenings"
    article.save_revision().publish()
    # Asked through site search: PostgreSQL keeps the title as a search vector,
    # so the index row itself does not hold the words as typed.
    response = client.get("/search/", {"q": "Quokka"})
    assert response.status_code == 200
    assert article.url in response.content.decode()
