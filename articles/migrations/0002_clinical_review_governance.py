from django.contrib.auth.management import create_permissions
from django.db import migrations

from articles.governance import install_clinical_review


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
