# The home page was made in lantana/core; it keeps its table and content type id.

import django.db.models.deletion
import wagtail.fields
from django.conf import settings
from django.db import migrations, models

APP = "home"
MODELS = ("homepage",)


def move_content_types(apps, schema_editor, source="core", target=APP):
    """Keep each moved model's content type row (and so its id, which pages,
    revisions, permissions and log entries point to), renamed to this app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    for model in MODELS:
        if not types.filter(app_label=target, model=model).exists():
            types.filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source=APP, target="core")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('core', '0003_links_validated'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HomePage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('hero_heading', models.CharField(default='Recovery is possible, and you do not have to start alone', max_length=120)),
                        ('hero_text', models.TextField(blank=True, max_length=400)),
                        ('hero_cta_label', models.CharField(default='Talk to admissions', max_length=60)),
                        ('offerings_heading', models.CharField(default='How we help', max_length=120)),
                        ('offerings', wagtail.fields.StreamField([('offering', 3)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'max_length': 80}), 1: ('wagtail.blocks.TextBlock', (), {'max_length': 300}), 2: ('wagtail.blocks.PageChooserBlock', (), {'required': False}), 3: ('wagtail.blocks.StructBlock', [[('title', 0), ('text', 1), ('page', 2)]], {'icon': 'tick-inverse'})})),
                        ('team_heading', models.CharField(default='Meet the team', max_length=120)),
                        ('articles_heading', models.CharField(default='Latest articles', max_length=120)),
                        ('hero_cta_page', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL)),
                        ('hero_image', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.customimage')),
                    ],
                    options={
                        'db_table': 'core_homepage',
                        'verbose_name': 'home page',
                    },
                    bases=('wagtailcore.page',),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
