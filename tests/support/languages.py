"""Spanish beside English in tests: translations made the way wagtail-localize makes
them (a copy for translation, then published) and a callback request as a visitor
who types only a name and a phone number sends it."""

from wagtail.models import Locale

from tests.support.leads import lead_data


def spanish_locale() -> Locale:
    # Transactional tests flush the locale the migration made.
    return Locale.objects.get_or_create(language_code="es")[0]


def translate(page, locale, **fields):
    """A published translation of page in locale, its fields overridden by fields."""
    translation = page.specific.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


def callback_post(**overrides) -> dict:
    """The short callback form: a first name, a phone number and consent."""
    data = lead_data("chat", **overrides)
    asked = {"preferred_name", "phone", "consent", "submission_id", "stamp"}
    asked |= {"leave_blank", "source_path", *overrides}
    return {key: value for key, value in data.items() if key[5:] in asked}
