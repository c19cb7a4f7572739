"""What retires every cached page and part: one rule, no list of who shows what.

Any publish, unpublish, move or delete of a page; any save or delete of a view
restriction (pages, document collections) or its groups, a snippet, an image, a
document, a collection, a site or a setting bumps the site-wide generation
(lantana/core/generation.py). A relation nobody thought of cannot be missed: the
next request of every page, in every process and every layer, is drawn afresh.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from lantana.core import generation
from lantana.core.changes import in_many_changes, many_changes_ended


def bump(reason: str) -> None:
    """A new generation now, or once when many changes (an import) end."""
    if not in_many_changes():
        generation.bump(reason)


@receiver(many_changes_ended)
def many_changed(sender, **kwargs):
    generation.bump("many changes ended")


# Wagtail noting an image's or document's size or hash while serving it.
BOOKKEEPING_FIELDS = {"file_size", "file_hash"}
# A draft saved on a live page: visitors still see the published version.
DRAFT_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "has_unpublished_changes",
    "draft_title",
    "locked",
    "locked_at",
    "locked_by",
}
RESTRICTIONS = (PageViewRestriction, CollectionViewRestriction)


def shown_models() -> tuple[type, ...]:
    """Models whose rows pages show or whose rows decide who may see a page."""
    return (
        BaseSiteSetting,
        BaseGenericSetting,
        get_image_model(),
        get_document_model(),
        Collection,
        Site,
        Locale,
        *RESTRICTIONS,
        *get_snippet_models(),
    )


def _name(instance) -> str:
    # The kind of thing only: never a title, slug or path (they can say too much).
    return f"{type(instance)._meta.label_lower} {instance.pk}"


@receiver(page_published)
def published(sender, instance, **kwargs):
    bump(f"published {_name(instance)}")


@receiver(page_unpublished)
def unpublished(sender, instance, **kwargs):
    bump(f"unpublished {_name(instance)}")


@receiver(post_page_move)
def moved(sender, instance, **kwargs):
    bump(f"moved {_name(instance)}")


@receiver(post_save)
def saved(sender, instance, created=False, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    if created and isinstance(instance, BaseSiteSetting | BaseGenericSetting):
        return  # made with its defaults when first read, while a page is drawn
    if isinstance(instance, Page):
        # Pages saved live without a publish (imports, scripts, fixtures).
        if instance.live and not (update_fields and set(update_fields) <= DRAFT_FIELDS):
            bump(f"saved live {_name(instance)}")
    elif isinstance(instance, shown_models()):
        bump(f"saved {_name(instance)}")


@receiver(post_delete)
def deleted(sender, instance, **kwargs):
    if isinstance(instance, (Page, *shown_models())):
        bump(f"deleted {_name(instance)}")


@receiver(m2m_changed)
def restriction_groups_changed(sender, instance, action, **kwargs):
    if isinstance(instance, RESTRICTIONS) and action.startswith("post_"):
        bump(f"groups of {_name(instance)}")
