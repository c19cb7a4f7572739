from django.contrib.auth.management import create_permissions
from django.db import migrations

LEAD_REVIEWERS = "Lead reviewers"
# Lead reviewers keep the canned replies they use in live chat (Snippets).
PERMISSIONS = [
    ("contact", "add_cannedreply"),
    ("contact", "change_cannedreply"),
    ("contact", "delete_cannedreply"),
]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure ours exist now.
    app_config = apps.get_app_config("contact")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=LEAD_REVIEWERS)
    for app_label, codename in PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [codename for _app, codename in PERMISSIONS]
    for group in Group.objects.filter(name=LEAD_REVIEWERS):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="contact", codename__in=codenames
            )
        )


class Migration(migrations.Migration):
    dependencies = [("contact", "0107_live_chat")]

    operations = [migrations.RunPython(grant, revoke)]
