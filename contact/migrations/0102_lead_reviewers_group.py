from django.contrib.auth.management import create_permissions
from django.db import migrations

LEAD_REVIEWERS = "Lead reviewers"
# The permissions as they were when this ran; 0105 renames the inquiry ones to
# the Lead model's and drops the chat request ones with their model.
PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("contact", "view_inquiry"),
    ("contact", "change_inquiry"),
    ("contact", "view_chatrequest"),
    ("contact", "change_chatrequest"),
]


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure ours exist now.
    for app_config in apps.get_app_configs():
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


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=LEAD_REVIEWERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0101_lead_notes"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        # These give every existing group image and document choosers; run after them.
        ("wagtailimages", "0023_add_choose_permissions"),
        ("wagtaildocs", "0011_add_choose_permissions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
