# HomePage moved to home/ and the location models to locations/, keeping their tables
# and content types (home/migrations/0001, locations/migrations/0001): forget them
# here, in state only.

from django.db import migrations

MOVED = {
    "homepage": "home",
    "locationindexpage": "locations",
    "locationpage": "locations",
    "locationoperatinghours": "locations",
    "locationphoto": "locations",
}


def drop_duplicate_content_types(apps, schema_editor):
    """On a new database, a migration that creates every app's permissions (such as
    contact 0102) may run while a moved model is in both apps' state, leaving a
    second, unused `core` content type (and its permissions) behind."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    types = ContentType.objects.using(schema_editor.connection.alias)
    for model, app_label in MOVED.items():
        if not types.filter(app_label=app_label, model=model).exists():
            continue
        stale = types.filter(app_label="core", model=model)
        if not Page.objects.filter(content_type__in=stale).exists():
            stale.delete()


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0003_links_validated'),
        ('home', '0001_initial'),
        ('locations', '0001_initial'),
        ('contact', '0112_lead_location_moved'),
        ('staff', '0004_clinicianlocation_location_moved'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='LocationPhoto'),
                migrations.DeleteModel(name='LocationOperatingHours'),
                migrations.DeleteModel(name='LocationPage'),
                migrations.DeleteModel(name='LocationIndexPage'),
                migrations.DeleteModel(name='HomePage'),
            ],
            database_operations=[],
        ),
        migrations.RunPython(drop_duplicate_content_types, migrations.RunPython.noop),
    ]
