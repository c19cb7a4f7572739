from django.contrib.auth.management import create_permissions
from django.db import migrations

# A copy of articles.governance as it was when this ran: a migration never runs
# live code, which may change after it.
CLINICAL_REVIEWERS_GROUP = "Clinical reviewers"
CLINICAL_REVIEW_WORKFLOW = "Clinical review"
REVIEWER_PAGE_PERMISSIONS = ("change_page", "publish_page")


def install_clinical_review(apps) -> None:
    """The group, its task and the active workflow, each once; safe to repeat.

    Reuses a clinical review task (and the workflow holding it) that already exists,
    e.g. one an older demo loader made, so a database never ends up with two.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ClinicalReviewTask = apps.get_model("articles", "ClinicalReviewTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    task = ClinicalReviewTask.objects.order_by("pk").first()
    if task is None:
        group, _ = Group.objects.get_or_create(name=CLINICAL_REVIEWERS_GROUP)
        content_type, _ = ContentType.objects.get_or_create(
            app_label="articles", model="clinicalreviewtask"
        )
        task = ClinicalReviewTask.objects.create(
            name=CLINICAL_REVIEW_WORKFLOW, content_type=content_type, active=True
        )
        task.groups.add(group)
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for group in task.groups.all():
        group.permissions.add(access_admin)

    if not Workflow.objects.filter(workflow_tasks__task_id=task.pk).exists():
        workflow = Workflow.objects.create(name=CLINICAL_REVIEW_WORKFLOW, active=True)
        WorkflowTask.objects.create(workflow=workflow, task_id=task.pk, sort_order=0)

    ArticleIndexPage = apps.get_model("articles", "ArticleIndexPage")
    for page_id in ArticleIndexPage.objects.values_list("pk", flat=True):
        govern_article_index(apps, page_id)


def govern_article_index(apps, page_id: int) -> None:
    """Clinical reviewers may edit and publish under this index, which gets the workflow.

    Does nothing before clinical review is installed; never replaces a workflow an
    administrator assigned to the index.
    """
    Permission = apps.get_model("auth", "Permission")
    ClinicalReviewTask = apps.get_model("articles", "ClinicalReviewTask")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

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


def install(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure ours exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    install_clinical_review(apps)


class Migration(migrations.Migration):
    """The Clinical reviewers group, its task and the Clinical review workflow.

    Not reversed: by then an administrator may have renamed or extended them.
    """

    dependencies = [
        ("articles", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        # These give every existing group image and document choosers; run after them.
        ("wagtailimages", "0023_add_choose_permissions"),
        ("wagtaildocs", "0011_add_choose_permissions"),
    ]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
