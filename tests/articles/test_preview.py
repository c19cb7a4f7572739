"""Editors can preview articles, new and existing, before they are published."""

from django.urls import reverse

from articles.models import ArticlePage
from demo.blocks import heading, paragraphs, stream


def test_preview_of_an_existing_article(make_article, topic, author):
    article = make_article(title="Preview me", topics=[topic], author=author)
    article.title = "Preview me, edited"
    response = article.make_preview_request()
    assert response.status_code == 200
    assert b"Preview me, edited" in response.content


def test_preview_of_a_new_article_from_the_admin(admin_client, article_index, topic):
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=("articles", "articlepage", article_index.pk),
    )
    data = {
        "title": "Brand new",
        "slug": "brand-new",
        "summary": "A new one.",
        "publication_date": "2026-05-01",
        "topics": [topic.pk],
        "body-count": "2",
        "body-0-type": "heading",
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-value-text": "First section",
        "body-0-value-level": "h2",
        "body-1-type": "rich_text",
        "body-1-deleted": "",
        "body-1-order": "1",
        "body-1-value": '{"blocks":[{"key":"a","type":"unstyled","text":"Hello there","depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
        "related_links-TOTAL_FORMS": "0",
        "related_links-INITIAL_FORMS": "0",
        "related_links-MIN_NUM_FORMS": "0",
        "related_links-MAX_NUM_FORMS": "1000",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    response = admin_client.post(url, data)
    assert response.json()["is_valid"], response.json()
    response = admin_client.get(url)
    assert response.status_code == 200
    assert b"Brand new" in response.content
    assert b'id="first-section"' in response.content
    assert not ArticlePage.objects.filter(slug="brand-new").exists()


def test_admin_add_and_edit_forms_render(admin_client, make_article, article_index):
    article = make_article(body=stream(heading("A"), paragraphs("B")))
    add = reverse(
        "wagtailadmin_pages:add", args=("articles", "articlepage", article_index.pk)
    )
    assert admin_client.get(add).status_code == 200
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=(article.pk,)))
    assert edit.status_code == 200
    assert b"Related articles" in edit.content
