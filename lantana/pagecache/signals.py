"""The purge triggers: publish, unpublish, move and delete of a page; save or delete
of a topic, therapeutic approach, image, site setting, main menu or a page's view
restriction."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from articles.models import Topic
from lantana.core.changes import in_many_changes, many_changes_ended
from staff.models import TherapeuticApproach

from .purge import Shown, forget, purge, purge_for, showing

# What showed a page before it was saved (its old topics, author, locations), so
# the publish that follows purges those pages too. Keyed by page id.
_shown_before: dict[int, Shown] = {}
BOOKKEEPING_FIELDS = {"file_size", "file_hash"}


def _purge_now_and_on_commit(shown: Shown) -> None:
    if in_many_changes():
        return  # every site is purged once when they end
    purge(shown)

    # A request that read the old rows inside the publish's transaction could
    # store them under the new generation: forget once more when it commits.
    transaction.on_commit(lambda: forget(shown))


@receiver(pre_save)
def remember_what_showed_page(sender, instance, update_fields=None, **kwargs):
    if not isinstance(instance, Page) or instance.pk is None or update_fields:
        return
    if in_many_changes():
        return
    before = type(instance).objects.filter(pk=instance.pk).first()
    if before is not None:
        _shown_before[instance.pk] = showing(before)


@receiver(page_published)
@receiver(page_unpublished)
def purge_published_page(sender, instance, **kwargs):
    if in_many_changes():
        return
    shown = purge_for(instance, also=_shown_before.pop(instance.pk, None))
    transaction.on_commit(lambda: forget(Shown(shown.page_ids)))


@receiver(post_page_move)
def purge_moved_page(sender, instance, **kwargs):
    if in_many_changes():
        return
    # Every link to the page and its descendants changed its address.
    _purge_now_and_on_commit(purge_for(instance, whole_site=True))


@receiver(pre_delete)
def purge_deleted(sender, instance, **kwargs):
    if in_many_changes():
        return
    if isinstance(instance, Page | Topic | TherapeuticApproach | get_image_model()):
        _purge_now_and_on_commit(showing(instance))


@receiver(post_save)
def purge_saved(sender, instance, created=False, update_fields=None, **kwargs):
    if in_many_changes():
        return
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return  # Wagtail noting an image's size or hash while rendering a page
    if created:
        return  # nothing shows it yet (settings are created when first read)
    if isinstance(
        instance, BaseSiteSetting | Topic | TherapeuticApproach | get_image_model()
    ):
        _purge_now_and_on_commit(showing(instance))


@receiver(post_delete)
def forget_deleted_setting(sender, instance, **kwargs):
    if isinstance(instance, BaseSiteSetting):
        _purge_now_and_on_commit(showing(instance))


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def purge_restricted(sender, instance, **kwargs):
    if in_many_changes():
        return
    # A private page (and everything below it) leaves or rejoins every listing,
    # card and "Keep reading" of its site; restrictions change rarely.
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        _purge_now_and_on_commit(purge_for(page, whole_site=True))


@receiver(many_changes_ended)
def purge_every_site(sender, **kwargs):
    # An import publishes thousands of pages: purging what shows each one (every
    # article sharing a topic) grows with the site; once for everything does not.
    shown = Shown(site_ids=Site.objects.values_list("pk", flat=True))
    _purge_now_and_on_commit(shown)
