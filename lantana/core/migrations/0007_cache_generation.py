# The site-wide cache generation (lantana/core/generation.py): one row, made here so
# that `migrate` alone gives a working site.

from django.db import migrations, models


def create_row(apps, schema_editor):
    CacheGeneration = apps.get_model("core", "CacheGeneration")
    CacheGeneration.objects.using(schema_editor.connection.alias).get_or_create(
        pk=1, defaults={"value": 1}
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0006_user_speaks_spanish")]

    operations = [
        migrations.CreateModel(
            name="CacheGeneration",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("value", models.BigIntegerField(default=1)),
                ("changed_at", models.DateTimeField(auto_now=True)),
            ],
            options={"verbose_name": "cache generation"},
        ),
        migrations.RunPython(create_row, migrations.RunPython.noop),
    ]
