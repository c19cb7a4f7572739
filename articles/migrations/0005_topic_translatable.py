# Topic becomes translatable (wagtail-localize): every existing row is the
# default language's, with its own translation_key; names (and slugs) are unique
# per language, so a Spanish translation may share them until an editor writes its own.

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def default_locale_and_keys(apps, schema_editor):
    db = schema_editor.connection.alias
    Locale = apps.get_model("wagtailcore", "Locale")
    Model = apps.get_model("articles", "Topic")
    locale, _ = Locale.objects.using(db).get_or_create(
        language_code=settings.LANGUAGE_CODE
    )
    for row in Model.objects.using(db).filter(translation_key__isnull=True):
        row.translation_key = uuid.uuid4()
        row.locale = locale
        row.save(update_fields=["translation_key", "locale"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_wordpress_shapes"),
        ("core", "0005_spanish_locale"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="topic",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="topic",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(default_locale_and_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="topic",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="topic",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="topic",
            name="name",
            field=models.CharField(max_length=60),
        ),
        migrations.AlterField(
            model_name="topic",
            name="slug",
            field=models.SlugField(allow_unicode=True, max_length=60),
        ),
        migrations.AlterUniqueTogether(
            name="topic", unique_together={("translation_key", "locale")}
        ),
        migrations.AddConstraint(
            model_name="topic",
            constraint=models.UniqueConstraint(
                fields=(
                    "name",
                    "locale",
                ),
                name="articles_topic_name_per_locale",
            ),
        ),
        migrations.AddConstraint(
            model_name="topic",
            constraint=models.UniqueConstraint(
                fields=(
                    "slug",
                    "locale",
                ),
                name="articles_topic_slug_per_locale",
            ),
        ),
    ]
