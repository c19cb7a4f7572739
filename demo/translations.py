"""The demo in Spanish: translations made the way wagtail-localize makes them in the
admin, so editors see each one as a translation of its English original, in step
with it ("Sync translated pages" keeps what is written here).

For each page or snippet, its Spanish words (demo/content/spanish.yaml) are laid
over a copy of the English one (keeping every stream block's id), both are cut
into wagtail-localize's segments, and each English segment's Spanish counterpart
is saved as that string's translation. The translation is then saved and
published from those strings, as the translation editor's "Publish" does.
"""

from wagtail.models import Locale, Page, TranslatableMixin
from wagtail_localize.models import (
    String,
    StringTranslation,
    Translation,
    TranslationContext,
    TranslationSource,
)
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.types import StringSegmentValue
from wagtail_localize.synctree import synchronize_tree

from articles.models import Topic
from lantana.core.models import SiteWording
from staff.models import TherapeuticApproach

from .text import read_text, stream_from_text


def load_spanish(home: Page, stdout) -> None:
    text = read_text("spanish")
    spanish = Locale.objects.get_or_create(language_code="es")[0]
    # Every English page gets its place in the Spanish tree (an alias), as
    # `manage.py sync_locale_trees` gives pages made outside the admin.
    synchronize_tree(Locale.get_default(), spanish)
    made = 0
    for path, fields in text["pages"].items():
        page = find_page(home, path)
        made += translate(page, fields, spanish)
    made += translate(SiteWording.get_default(), text["wording"], spanish)
    for slug, fields in text["topics"].items():
        topic = Topic.objects.get(slug=slug, locale=Locale.get_default())
        made += translate(topic, fields, spanish)
    for name, fields in text["approaches"].items():
        approach = TherapeuticApproach.objects.get(
            name=name, locale=Locale.get_default()
        )
        made += translate(approach, fields, spanish)
    stdout.write(f"   - {made} Spanish translations made")


def find_page(home: Page, path: str) -> Page:
    page = home
    for slug in filter(None, path.split("/")):
        page = page.get_children().get(slug=slug)
    return page.specific


def translate(instance: TranslatableMixin, fields: dict, locale: Locale) -> bool:
    """Translate instance into locale with fields' words; False if it already is."""
    existing = instance.get_translation_or_none(locale)
    if existing is not None and not getattr(existing, "alias_of_id", None):
        return False
    source, _ = TranslationSource.update_or_create_from_instance(instance)
    remember_strings(source, instance, spanish_copy(instance, fields), locale, fields)
    Translation.objects.get_or_create(source=source, target_locale=locale)
    if isinstance(instance, Page):
        # A draft first, then published here: the editor's "Publish" publishes
        # once the transaction commits, which a test's transaction never does.
        source.create_or_update_translation(locale, publish=False, fallback=True)
        translated = instance.get_translation(locale)
        translated.get_latest_revision().publish()
    else:
        source.create_or_update_translation(locale, fallback=True)
    return True


def spanish_copy(instance, fields: dict):
    """A copy of instance (never saved) holding the Spanish words."""
    copy = type(instance).objects.get(pk=instance.pk)
    for name, value in fields.items():
        if isinstance(value, list):  # a StreamField, block by block
            value = same_blocks(getattr(instance, name).raw_data, value)
        setattr(copy, name, value)
    return copy


def same_blocks(english: list, spanish: list) -> list:
    """The Spanish blocks with the English blocks' ids and whatever the Spanish
    leaves out (links, pictures, sources)."""
    spanish = stream_from_text(spanish)
    if [b["type"] for b in english] != [b["type"] for b in spanish]:
        raise ValueError("The Spanish blocks must follow the English ones")
    return [
        {**block, "value": merged(block["value"], other["value"])}
        for block, other in zip(english, spanish, strict=True)
    ]


def merged(english, spanish):
    if isinstance(english, dict) and isinstance(spanish, dict):
        return {
            key: merged(value, spanish[key]) if key in spanish else value
            for key, value in english.items()
        }
    if isinstance(english, list) and isinstance(spanish, list):
        # A list block's items keep their ids: [{"type": "item", "value": …, "id": …}]
        return [
            {**item, "value": merged(item["value"], other)}
            if isinstance(item, dict) and "id" in item
            else other
            for item, other in zip(english, spanish, strict=True)
        ]
    return spanish


def remember_strings(source, english, spanish, locale, given) -> None:
    """Each English segment's Spanish counterpart, as translation memory. A field
    the Spanish names is translated even when it reads the same (a place's name);
    a piece it leaves out stays untranslated, as in the editor."""
    ours = _strings(spanish)
    contexts = {
        context.path: context
        for context in TranslationContext.objects.filter(object_id=source.object_id)
    }
    for (path, n), value in _strings(english).items():
        theirs = ours.get((path, n))
        if theirs is None or path not in contexts:
            continue
        if theirs.data == value.data and path not in given:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=String.from_value(source.locale, value),
            locale=locale,
            context=contexts[path],
            defaults={
                "data": theirs.data,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )


def _strings(instance) -> dict:
    """{(path, n): StringValue}: the n-th string at each path (a rich text's
    paragraphs share one path)."""
    found, seen = {}, {}
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue):
            n = seen[segment.path] = seen.get(segment.path, -1) + 1
            found[(segment.path, n)] = segment.string
    return found
