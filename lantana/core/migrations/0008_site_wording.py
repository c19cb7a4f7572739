# The words visitors read around the clinic's details (crisis text, admissions
# hours, footer note) and the main menu move from two site settings into one
# translatable snippet, SiteWording: a site setting cannot be translated with
# wagtail-localize. What the default site had becomes the default language's row.

import django.db.models.deletion
import lantana.core.validators
import uuid
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


def move_wording(apps, schema_editor):
    db = schema_editor.connection.alias
    Locale = apps.get_model("wagtailcore", "Locale")
    Site = apps.get_model("wagtailcore", "Site")
    SiteSettings = apps.get_model("core", "SiteSettings")
    NavigationSettings = apps.get_model("core", "NavigationSettings")
    SiteWording = apps.get_model("core", "SiteWording")
    locale, _ = Locale.objects.using(db).get_or_create(
        language_code=settings.LANGUAGE_CODE
    )
    if SiteWording.objects.using(db).filter(locale=locale).exists():
        return
    site = Site.objects.using(db).order_by("-is_default_site", "pk").first()
    wording = SiteWording(locale=locale, translation_key=uuid.uuid4())
    clinic = SiteSettings.objects.using(db).filter(site=site).first()
    if clinic is not None:
        wording.crisis_text = clinic.crisis_text
        wording.admissions_hours = clinic.admissions_hours
        wording.footer_text = clinic.footer_text
    navigation = NavigationSettings.objects.using(db).filter(site=site).first()
    if navigation is not None:
        wording.main_menu = list(navigation.main_menu.raw_data)
    wording.save(using=db)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_cache_generation"),
        ("wagtailcore", "0098_apitoken"),
        ("core", "0005_spanish_locale"),
    ]

    operations = [
        migrations.CreateModel(
            name="SiteWording",
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
                (
                    "translation_key",
                    models.UUIDField(default=uuid.uuid4, editable=False),
                ),
                (
                    "main_menu",
                    wagtail.fields.StreamField(
                        [("link", 3)],
                        blank=True,
                        block_lookup={
                            0: (
                                "wagtail.blocks.PageChooserBlock",
                                (),
                                {"required": False},
                            ),
                            1: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "help_text": "Used when no page is chosen. A path on this site (such as /chat/) or an https:, mailto:, tel: or sms: link.",
                                    "max_length": 300,
                                    "required": False,
                                    "validators": [
                                        lantana.core.validators.SafeLinkValidator()
                                    ],
                                },
                            ),
                            2: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "help_text": "Defaults to the page title.",
                                    "max_length": 40,
                                    "required": False,
                                },
                            ),
                            3: (
                                "wagtail.blocks.StructBlock",
                                [[("page", 0), ("url", 1), ("label", 2)]],
                                {},
                            ),
                        },
                    ),
                ),
                (
                    "crisis_text",
                    models.CharField(
                        default="In crisis? Call or text 988, the Suicide & Crisis Lifeline.",
                        help_text="Shown in the footer. 988 and 911 become links.",
                        max_length=200,
                    ),
                ),
                (
                    "admissions_hours",
                    models.CharField(
                        blank=True,
                        default="Admissions answers 24 hours a day, 7 days a week.",
                        max_length=200,
                    ),
                ),
                (
                    "footer_text",
                    models.TextField(blank=True, help_text="A note under the footer."),
                ),
                (
                    "locale",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
            ],
            options={
                "verbose_name": "menu and footer wording",
                "verbose_name_plural": "menu and footer wording",
                "abstract": False,
            },
        ),
        migrations.AddConstraint(
            model_name="sitewording",
            constraint=models.UniqueConstraint(
                fields=("locale",), name="core_sitewording_one_per_locale"
            ),
        ),
        migrations.AlterUniqueTogether(
            name="sitewording",
            unique_together={("translation_key", "locale")},
        ),
        migrations.RunPython(move_wording, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="sitesettings",
            name="admissions_hours",
        ),
        migrations.RemoveField(
            model_name="sitesettings",
            name="crisis_text",
        ),
        migrations.RemoveField(
            model_name="sitesettings",
            name="footer_text",
        ),
        migrations.DeleteModel(
            name="NavigationSettings",
        ),
    ]
