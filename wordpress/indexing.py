"""Search and reference indexing once per object at the end of an import.

Every save of a page re-indexes it for site search and rebuilds its reference-index
rows, and an imported post is saved three times (created, revised, published): on a
10,000-post export that was a third of the import's time spent on entries that were
overwritten moments later. Inside `indexed_at_the_end()` those saves only note the
object; when the block closes (with or without an error, since every item before an
error is already committed) each noted object is indexed once, by the same tasks
the signals would have run, from what the database holds then.

The search signal is disconnected for the block's length, in every thread: run it
from a management command, not from a request.
"""

from contextlib import contextmanager

from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_save
from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task

DISPATCH_UID = "wordpress.indexing.note_saved"


def searched_models() -> list:
    return [
        model
        for model in search_index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    ]


def index_once(label: str, pk: str, search: bool, references: bool) -> None:
    app_label, model_name = label.split(".")
    try:
        if search:
            insert_or_update_object_task.call(app_label, model_name, pk)
        if references:
            update_reference_index_task.call(app_label, model_name, pk)
    except ObjectDoesNotExist:
        pass  # rolled back (a skipped item or a dry run) or deleted since


@contextmanager
def indexed_at_the_end(progress=None):
    """Saves inside the block are indexed once each when it closes."""
    progress = progress or (lambda label, done, total: None)
    searched = set(searched_models())
    tracked = set(ReferenceIndex.tracked_models)
    saved: dict[tuple[str, str], tuple[bool, bool]] = {}

    def note_saved(sender, instance, raw=False, **kwargs):
        if raw:
            return
        search, references = sender in searched, sender in tracked
        if search or references:
            key = (
                f"{sender._meta.app_label}.{sender._meta.model_name}",
                str(instance.pk),
            )
            before = saved.get(key, (False, False))
            saved[key] = (before[0] or search, before[1] or references)

    for model in searched:
        post_save.disconnect(post_save_signal_handler, sender=model)
    post_save.connect(note_saved, weak=False, dispatch_uid=DISPATCH_UID)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(dispatch_uid=DISPATCH_UID)
        for model in searched:
            post_save.connect(post_save_signal_handler, sender=model)
        total = len(saved)
        for done, ((label, pk), (search, references)) in enumerate(saved.items(), 1):
            index_once(label, pk, search, references)
            progress("search index", done, total)
