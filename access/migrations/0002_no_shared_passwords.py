"""Shared-password privacy becomes "signed-in staff" privacy, and no password is
kept: Wagtail stores them in clear (access/privacy.py)."""

from django.db import migrations


def replace_shared_passwords(apps, schema_editor):
    for name in ("PageViewRestriction", "CollectionViewRestriction"):
        model = apps.get_model("wagtailcore", name)
        model.objects.filter(restriction_type="password").update(
            restriction_type="login", password=""
        )


class Migration(migrations.Migration):
    dependencies = [("wagtailcore", "0098_apitoken"), ("access", "0001_enrolment_links")]

    operations = [
        migrations.RunPython(replace_shared_passwords, migrations.RunPython.noop)
    ]
