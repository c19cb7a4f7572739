"""Clinical governance: the group that approves articles and the workflow it works in.

Production gets them from migration 0002 (`migrate` alone gives a working review
flow, with its own copy of this code); the demo loader never creates them.
Afterwards an administrator may rename the group, the task or the workflow: nothing
finds them by name. An Articles index added later is governed like the ones the
migration found.
"""

from django.contrib.auth.models import Permission
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

from .models import ClinicalReviewTask

# What clinical reviewers may do under every Articles index. Approving the last task
# publishes the article as the approver, so "publish" is not optional.
REVIEWER_PAGE_PERMISSIONS = ("change_page", "publish_page")


def govern_article_index(page_id: int) -> None:
    """Clinical reviewers may edit and publish under this index, which gets the workflow.

    Does nothing before clinical review is installed; never replaces a workflow an
    administrator assigned to the index.
    """
    tasks = ClinicalReviewTask.objects.filter(active=True)
    groups = {group for task in tasks for group in task.groups.all()}
    for codename in REVIEWER_PAGE_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        for group in groups:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=page_id, permission=permission
            )
    workflow = (
        Workflow.objects.filter(
            active=True, workflow_tasks__task_id__in=tasks.values("pk")
        )
        .order_by("pk")
        .first()
    )
    if workflow is not None:
        WorkflowPage.objects.get_or_create(
            page_id=page_id, defaults={"workflow": workflow}
        )


def on_article_index_created(sender, instance, created, raw=False, **kwargs):
    """An Articles index added after `migrate` is governed like the ones before it."""
    if created and not raw:
        govern_article_index(instance.pk)
