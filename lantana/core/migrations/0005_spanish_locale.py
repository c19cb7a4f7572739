# Spanish beside English (issue 24): the "es" locale, kept in step with English by
# wagtail-localize's tree synchronisation, so every English page has a Spanish place
# (an alias until an editor translates it). `manage.py sync_locale_trees` fills that
# tree for pages created before this migration (docs/operations/languages.md).

from django.db import migrations


def add_spanish(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    db = schema_editor.connection.alias
    # LANGUAGE_CODE was "en-us" before; Wagtail stored the generic "en" for it, but a
    # database made with a regional code is brought in line.
    english = Locale.objects.using(db).filter(language_code__in=["en", "en-us"]).first()
    if english is None:
        english = Locale.objects.using(db).create(language_code="en")
    elif english.language_code != "en":
        english.language_code = "en"
        english.save(update_fields=["language_code"])
    spanish, _ = Locale.objects.using(db).get_or_create(language_code="es")
    LocaleSynchronization.objects.using(db).get_or_create(
        locale=spanish, defaults={"sync_from": english}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_pages_moved_to_home_and_locations"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(add_spanish, migrations.RunPython.noop)]
