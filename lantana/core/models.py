from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from . import site_cache
from .blocks import BaseStreamBlock
from .routing import OneQueryRestrictionsMixin
from .validators import LINK_HELP, validate_link


class User(AbstractUser):
    """Staff who sign in to the admin: editors, clinical reviewers, intake staff."""

    # Intake hands a Spanish-speaking visitor's chat or callback to someone who
    # speaks Spanish (the live chat panel shows who does).
    speaks_spanish = models.BooleanField(
        "speaks Spanish",
        default=False,
        help_text="Tick if you can talk with visitors in Spanish.",
    )


class CacheGeneration(models.Model):
    """One row: the site-wide cache generation (lantana/core/generation.py).

    Bumped inside the transaction of every change a visitor could see; every cached
    page and kept part is keyed on its value, so one bump retires all of them.
    """

    value = models.BigIntegerField(default=1)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "cache generation"

    def __str__(self):
        return f"cache generation {self.value}"


class CustomImage(AbstractImage):
    admin_form_fields = Image.admin_form_fields


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(
        CustomImage, on_delete=models.CASCADE, related_name="renditions"
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """The clinic's facts, the same in every language: name, numbers, address, links.

    The words visitors read around them (crisis text, admissions hours, footer note,
    the menu) are in SiteWording, which editors translate.
    """

    clinic_name = models.CharField(max_length=120, default="Lantana Recovery")
    phone = models.CharField(
        max_length=30, blank=True, help_text="Main admissions line, e.g. (843) 555-0134"
    )
    text_line = models.CharField(
        max_length=30, blank=True, help_text="A number people can text, if any."
    )
    email = models.EmailField(blank=True)
    crisis_phone = models.CharField(max_length=20, default="988")
    address = models.TextField(blank=True, help_text="Shown in the footer.")
    facebook_url = models.URLField(blank=True, validators=[validate_link])
    instagram_url = models.URLField(blank=True, validators=[validate_link])
    linkedin_url = models.URLField(blank=True, validators=[validate_link])

    panels = [
        FieldPanel("clinic_name"),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("text_line"),
                FieldPanel("email"),
                FieldPanel("address"),
            ],
            heading="Contact",
        ),
        MultiFieldPanel(
            [FieldPanel("crisis_phone")],
            heading="Crisis line",
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("linkedin_url"),
            ],
            heading="Social links",
        ),
    ]

    class Meta:
        verbose_name = "Clinic details"

    @classmethod
    def for_site(cls, site):
        # Every page reads it; a save bumps the cache generation (site_cache.py).
        key = (
            None
            if site is None
            else site_cache.setting_key(cls._meta.label_lower, site.pk)
        )
        if key is None:
            return super().for_site(site)
        instance = site_cache.read(key)
        if instance is None:
            instance = super().for_site(site)
            site_cache.keep(key, instance)
        return instance

    @property
    def social_links(self) -> list[tuple[str, str]]:
        links = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("LinkedIn", self.linkedin_url),
        ]
        return [(label, url) for label, url in links if url]


class MenuLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(required=False)
    url = blocks.CharBlock(
        required=False,
        max_length=300,
        help_text=f"Used when no page is chosen. {LINK_HELP}",
        validators=[validate_link],
    )
    label = blocks.CharBlock(
        required=False, max_length=40, help_text="Defaults to the page title."
    )

    class Meta:
        icon = "link"


@register_snippet
class SiteWording(TranslatableMixin, models.Model):
    """The menu and the words around the clinic's details, one version per language.

    A site setting cannot be translated with wagtail-localize (its editor works on
    pages and snippets), so these live in a translatable snippet: English first,
    Spanish made with "Translate". Pages read their language's version, or the
    English one until it is translated (`for_language`).
    """

    main_menu = StreamField([("link", MenuLinkBlock())], blank=True)
    crisis_text = models.CharField(
        max_length=200,
        default="In crisis? Call or text 988, the Suicide & Crisis Lifeline.",
        help_text="Shown in the footer. 988 and 911 become links.",
    )
    admissions_hours = models.CharField(
        max_length=200,
        blank=True,
        default="Admissions answers 24 hours a day, 7 days a week.",
    )
    footer_text = models.TextField(blank=True, help_text="A note under the footer.")

    panels = [
        FieldPanel("main_menu"),
        FieldPanel("crisis_text"),
        FieldPanel("admissions_hours"),
        FieldPanel("footer_text"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = "menu and footer wording"
        verbose_name_plural = "menu and footer wording"
        constraints = [
            models.UniqueConstraint(
                fields=["locale"], name="core_sitewording_one_per_locale"
            )
        ]

    def __str__(self):
        return f"Menu and footer ({self.locale.get_display_name()})"

    @property
    def language(self) -> str:
        return self.locale.language_code

    @classmethod
    def get_default(cls) -> "SiteWording":
        """The default language's row, the source of every translation (a migration
        makes it; made here if a flushed database lost it)."""
        return cls.objects.get_or_create(locale=Locale.get_default())[0]

    @classmethod
    def for_language(cls, language: str) -> "SiteWording":
        """The version in `language`, else the default language's; kept in the
        cache under the generation (any save bumps it), so a page reads it once."""
        key = site_cache.wording_key(language)
        wording = None if key is None else site_cache.read(key)
        if wording is None:
            wording = cls._read(language)
            if key is not None:
                site_cache.keep(key, wording)
        return wording

    @classmethod
    def _read(cls, language: str) -> "SiteWording":
        default = settings.LANGUAGE_CODE
        rows = {
            row.locale.language_code: row
            for row in cls.objects.select_related("locale").filter(
                locale__language_code__in={language, default}
            )
        }
        wording = rows.get(language) or rows.get(default)
        if wording is None:  # before any was saved: the defaults, in English
            wording = cls(locale=Locale(language_code=default))
        return wording


class StandardPage(OneQueryRestrictionsMixin, Page):
    """A general page: about us, admissions, a programme of care."""

    intro = models.TextField(blank=True, max_length=400)
    hero_image = models.ForeignKey(
        "core.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["home.HomePage", "core.StandardPage"]
    subpage_types = ["core.StandardPage", "selfchecks.SelfCheckPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["child_pages"] = self.get_children().live().in_menu().specific()
        return context
