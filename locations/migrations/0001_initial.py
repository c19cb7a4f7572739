# The location models were made in lantana/core; they keep their tables and content type ids.

import django.db.models.deletion
import modelcluster.fields
import wagtail.fields
from django.conf import settings
from django.db import migrations, models

APP = "locations"
MODELS = ("locationindexpage", "locationpage", "locationoperatinghours", "locationphoto")


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
                    name='LocationIndexPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('intro', models.TextField(blank=True, max_length=400)),
                    ],
                    options={
                        'db_table': 'core_locationindexpage',
                        'abstract': False,
                    },
                    bases=('wagtailcore.page',),
                ),
                migrations.CreateModel(
                    name='LocationPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('street_address', models.CharField(max_length=200)),
                        ('city', models.CharField(default='Charleston', max_length=80)),
                        ('state', models.CharField(default='SC', max_length=2)),
                        ('postal_code', models.CharField(max_length=10)),
                        ('phone', models.CharField(blank=True, max_length=30)),
                        ('email', models.EmailField(blank=True, max_length=254)),
                        ('latitude', models.DecimalField(blank=True, decimal_places=6, max_digits=9, null=True)),
                        ('longitude', models.DecimalField(blank=True, decimal_places=6, max_digits=9, null=True)),
                        ('hours_notes', models.CharField(blank=True, help_text="E.g. 'Admissions by phone around the clock.'", max_length=250)),
                        ('description', wagtail.fields.RichTextField(blank=True)),
                        ('services', wagtail.fields.StreamField([('service', 3)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'max_length': 80}), 1: ('wagtail.blocks.TextBlock', (), {'max_length': 300, 'required': False}), 2: ('wagtail.blocks.PageChooserBlock', (), {'required': False}), 3: ('wagtail.blocks.StructBlock', [[('name', 0), ('description', 1), ('page', 2)]], {'icon': 'tick'})})),
                        ('hero_image', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.customimage')),
                    ],
                    options={
                        'db_table': 'core_locationpage',
                        'abstract': False,
                    },
                    bases=('wagtailcore.page',),
                ),
                migrations.CreateModel(
                    name='LocationOperatingHours',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('day', models.CharField(choices=[('MON', 'Monday'), ('TUE', 'Tuesday'), ('WED', 'Wednesday'), ('THU', 'Thursday'), ('FRI', 'Friday'), ('SAT', 'Saturday'), ('SUN', 'Sunday')], max_length=3)),
                        ('opens', models.TimeField(blank=True, null=True)),
                        ('closes', models.TimeField(blank=True, null=True)),
                        ('closed', models.BooleanField(default=False, help_text='Tick if closed all day.')),
                        ('location', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='hours', to='locations.locationpage')),
                    ],
                    options={
                        'db_table': 'core_locationoperatinghours',
                        'ordering': ['sort_order'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='LocationPhoto',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('caption', models.CharField(blank=True, max_length=200)),
                        ('image', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='core.customimage')),
                        ('location', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='photos', to='locations.locationpage')),
                    ],
                    options={
                        'db_table': 'core_locationphoto',
                        'ordering': ['sort_order'],
                        'abstract': False,
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
