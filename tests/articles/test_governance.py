"""Clinical governance comes from migrations: `migrate` alone gives a working review.

They run in pytest-django's ordinary `db` transaction on the test database that
`migrate` built, before any transactional test flushes it (pytest-django runs those
last), so they see exactly what a fresh production install has: no demo content.
"""

import datetime
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission, Task, Workflow, WorkflowPage
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from articles.models import (
    ArticleIndexPage,
    ArticlePage,
    ClinicalReviewTask,
    get_clinical_review_workflow,
    get_clinical_reviewer_groups,
)
from demo.factories.articles import ArticleIndexPageFactory, ArticlePageFactory
from lantana.core.models import User
from staff.models import ClinicianPage
from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewers():
    return get_clinical_reviewer_groups().get()


def draft(article_index, title="New article"):
    article = ArticlePageFactory(parent=article_index, title=title, live=False)
    article.save_revision()
    return article


def submit_in_admin(client, article_editor, article) -> str:
    """Press "Submit to …" in the editor, as an editor; returns the button's label."""
    sign_in(client, article_editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    html = client.get(edit_url).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    # The StreamField's inputs are built by JavaScript: send them as it would.
    body = streamfield([("rich_text", rich_text("<p>Words.</p>"))])
    data.update(nested_form_data({"body": body, "action-submit": "Submit"}))
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.content[:2000]
    return html


def approve_in_admin(client, user, article):
    article.refresh_from_db()
    sign_in(client, user)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(article.pk, "approve", article.current_workflow_task_state.pk),
        )
    )
    assert response.status_code == 302
    article.refresh_from_db()


def governance_counts() -> tuple:
    return (
        Group.objects.count(),
        Task.objects.count(),
        Workflow.objects.count(),
        GroupPagePermission.objects.count(),
        WorkflowPage.objects.count(),
    )


def test_migrate_alone_creates_group_task_and_workflow():
    assert not ArticleIndexPage.objects.exists()
    assert not ClinicianPage.objects.exists()  # no demo content
    group = get_clinical_reviewer_groups().get()
    assert group.permissions.filter(codename="access_admin").exists()
    workflow = get_clinical_review_workflow()
    assert workflow.active
    [task] = [wt.task.specific for wt in workflow.workflow_tasks.all()]
    assert isinstance(task, ClinicalReviewTask) and task.active
    assert list(task.groups.all()) == [group]


# What migration 0002 runs (its own copy of the governance code).
install_clinical_review = import_module(
    "articles.migrations.0002_clinical_review_governance"
).install_clinical_review


def test_installing_again_creates_nothing(home):
    ArticleIndexPageFactory(parent=home)
    before = governance_counts()
    install_clinical_review(apps)
    install_clinical_review(apps)
    assert governance_counts() == before


def test_an_index_that_existed_before_is_governed(home, reviewers):
    index = ArticleIndexPageFactory(parent=home)
    GroupPagePermission.objects.filter(page=index).delete()
    WorkflowPage.objects.filter(page=index).delete()
    install_clinical_review(apps)
    granted = GroupPagePermission.objects.filter(group=reviewers, page=index)
    assert set(granted.values_list("permission__codename", flat=True)) == {
        "change_page",
        "publish_page",
    }
    assert WorkflowPage.objects.get(page=index).workflow == (
        get_clinical_review_workflow()
    )


def test_editor_submits_to_clinical_reviewers_who_approve_as_their_profile(
    client,
    article_index,
    article_editor,
    clinical_reviewer,
    reviewers,
    reviewing_clinician,
):
    article = draft(article_index)
    html = submit_in_admin(client, article_editor, article)
    assert "Submit to Clinical review" in html

    article.refresh_from_db()
    assert article.workflow_in_progress and not article.live
    task = article.current_workflow_task.specific
    assert isinstance(task, ClinicalReviewTask)
    assert list(task.groups.all()) == [reviewers]
    assert task.get_actions(article, article_editor) == []

    approve_in_admin(client, clinical_reviewer, article)
    assert article.live and not article.workflow_in_progress
    assert article.reviewer == reviewing_clinician
    assert article.last_reviewed == datetime.date.today()


def test_renaming_workflow_task_and_group_changes_nothing(
    client,
    article_index,
    article_editor,
    clinical_reviewer,
    reviewers,
    reviewing_clinician,
):
    workflow = get_clinical_review_workflow()
    Workflow.objects.filter(pk=workflow.pk).update(name="Medical sign-off")
    Task.objects.filter(workflow_tasks__workflow=workflow).update(name="Sign-off")
    Group.objects.filter(pk=reviewers.pk).update(name="Physicians")

    article = draft(article_index)
    assert article.get_workflow() == workflow
    html = submit_in_admin(client, article_editor, article)
    assert "Submit to Medical sign-off" in html
    article.refresh_from_db()
    assert list(article.current_workflow_task.specific.groups.all()) == [reviewers]

    approve_in_admin(client, clinical_reviewer, article)
    assert article.live and article.reviewer == reviewing_clinician


def test_an_approver_without_a_linked_profile_records_no_reviewer(
    client, article_index, article_editor, reviewers, reviewing_clinician
):
    # Same first and last name as the profile, but no link: names never match.
    user = User.objects.create_user(
        "dreyes",
        password="pw",  # noqa: S106
        first_name=reviewing_clinician.first_name,
        last_name=reviewing_clinician.last_name,
    )
    user.groups.add(reviewers)
    article = draft(article_index)
    submit_in_admin(client, article_editor, article)
    approve_in_admin(client, user, article)
    assert article.live
    assert article.reviewer is None and article.last_reviewed is None


def test_articles_use_clinical_review_even_under_another_workflow(home, article_index):
    moderators = Workflow.objects.create(name="Moderators only")
    WorkflowPage.objects.update_or_create(
        page=article_index, defaults={"workflow": moderators}
    )
    article = ArticlePage.objects.get(pk=draft(article_index).pk)
    assert article.get_workflow() == get_clinical_review_workflow()
