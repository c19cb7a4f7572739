"""Clinical review: an article cannot go live until a clinical reviewer approves."""

import datetime

import pytest
from django.urls import reverse

from articles.models import (
    ArticlePage,
    get_clinical_review_workflow,
)
from tests.support.auth import sign_in


@pytest.fixture
def workflow(article_index):
    """The one migrations created (db tests run before any test flushes the rows)."""
    workflow = get_clinical_review_workflow()
    assert workflow is not None
    return workflow


def submit_draft(article_index, article_editor, **fields):
    article = ArticlePage(
        title="New article",
        slug="new-article",
        summary="A summary.",
        body=[{"type": "rich_text", "value": "<p>Words.</p>"}],
        live=False,
        **fields,
    )
    article_index.add_child(instance=article)
    article.save_revision(user=article_editor)
    workflow = article.get_workflow()
    assert workflow == get_clinical_review_workflow()
    workflow.start(article, article_editor)
    article.refresh_from_db()
    return article


def approve_url(article):
    task_state = article.current_workflow_task_state
    return reverse(
        "wagtailadmin_pages:workflow_action",
        args=(article.pk, "approve", task_state.pk),
    )


def test_every_article_gets_the_clinical_review_workflow(workflow, make_article):
    assert make_article().get_workflow() == workflow


def test_editor_cannot_publish_or_approve(
    client, workflow, article_index, article_editor
):
    article = submit_draft(article_index, article_editor)
    assert not article.live
    assert article.workflow_in_progress
    assert not article.permissions_for_user(article_editor).can_publish()
    task = article.current_workflow_task.specific
    assert task.get_actions(article, article_editor) == []
    sign_in(client, article_editor)
    response = client.post(approve_url(article))
    assert response.status_code in (302, 403)  # the admin redirects on a 403
    article.refresh_from_db()
    assert not article.live
    assert article.workflow_in_progress


def test_clinical_reviewer_approval_publishes_and_records_the_review(
    client,
    workflow,
    article_index,
    article_editor,
    clinical_reviewer,
    reviewing_clinician,
):
    article = submit_draft(article_index, article_editor)
    sign_in(client, clinical_reviewer)
    response = client.post(approve_url(article))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.live
    assert article.reviewer == reviewing_clinician
    assert article.last_reviewed == datetime.date.today()
    assert article.next_review == datetime.date.today() + datetime.timedelta(365)
    assert not article.workflow_in_progress


def test_approval_keeps_the_editors_choices(
    client, workflow, article_index, article_editor, clinical_reviewer, author
):
    chosen_date = datetime.date(2026, 1, 5)
    article = submit_draft(
        article_index, article_editor, reviewer=author, last_reviewed=chosen_date
    )
    sign_in(client, clinical_reviewer)
    client.post(approve_url(article))
    article.refresh_from_db()
    assert article.live
    assert article.reviewer == author
    assert article.last_reviewed == chosen_date


def test_request_changes_keeps_the_article_offline(
    client, workflow, article_index, article_editor, clinical_reviewer
):
    article = submit_draft(article_index, article_editor)
    task_state = article.current_workflow_task_state
    sign_in(client, clinical_reviewer)
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(article.pk, "reject", task_state.pk),
        ),
        {"comment": "Please cite the guideline."},
    )
    article.refresh_from_db()
    assert not article.live
    assert article.reviewer is None
