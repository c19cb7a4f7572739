"""Translatable snippets (topics, approaches) shown in the visitor's language.

Pages keep pointing at the default language's row (wagtail-localize copies a
many-to-many as it is); what a page shows is that row's translation in the
visitor's language when an editor has made one, else the row itself. Read in the
same query as the rows (a subquery per field), so a page costs the same number
of queries in every language.
"""

from django.conf import settings
from django.db import connections
from django.db.models import Case, Exists, F, OuterRef, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import translation


def with_translation(queryset: QuerySet, *fields: str, language: str | None = None):
    """Each row annotated with `local_<field>`: its translation's value in
    `language` (the active one), or its own; and, outside the default language,
    with `local_language`: the language those words are in (`language` when an
    editor translated the row, else the default one), for `lang` on the page."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if not isinstance(queryset, QuerySet):  # a preview's unsaved relation
        return _in_python(list(queryset), fields, language)
    model = queryset.model
    annotations = {}
    if language != settings.LANGUAGE_CODE:
        translation_exists = model.objects.filter(
            translation_key=OuterRef("translation_key"),
            locale__language_code=language,
        )
        annotations["local_language"] = Case(
            When(Exists(translation_exists), then=Value(language)),
            default=Value(settings.LANGUAGE_CODE),
        )
    for field in fields:
        if language == settings.LANGUAGE_CODE:
            annotations[f"local_{field}"] = F(field)
            continue
        translated = model.objects.filter(
            translation_key=OuterRef("translation_key"),
            locale__language_code=language,
        ).values(field)[:1]
        annotations[f"local_{field}"] = Coalesce(Subquery(translated), F(field))
    return queryset.annotate(**annotations)


def translated_list(queryset: QuerySet, *fields: str, language: str | None = None):
    """`with_translation(queryset, *fields)`'s rows, as a list, read by joining
    each row to its translation instead of a subquery per field.

    For a page's own few rows (an article's topics, a clinician's approaches):
    Django takes about 2.8 ms to build with_translation's subqueries for three
    fields, and the database a tenth of that to run them, which made every
    Spanish page slower than its English one (issue 24). The queryset's own SQL
    is used as it is, in a plain join whose shape never changes; its rows keep
    the queryset's ordering (plain field names only)."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if not isinstance(queryset, QuerySet):  # a preview's unsaved relation
        return _in_python(list(queryset), fields, language)
    if language == settings.LANGUAGE_CODE:
        rows = list(queryset)
        for row in rows:
            for field in fields:
                setattr(row, f"local_{field}", getattr(row, field))
        return rows
    model = queryset.model
    quote = connections[queryset.db].ops.quote_name
    column = {name: quote(model._meta.get_field(name).column) for name in fields}
    inner, params = queryset.query.sql_with_params()
    shown = ", ".join(
        f"COALESCE(t.{column[name]}, q.{column[name]}) AS {quote('local_' + name)}"
        for name in fields
    )
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    sql = f"""
        SELECT q.*, {shown},
            CASE WHEN t.{pk} IS NULL THEN %s ELSE %s END AS {quote("local_language")}
        FROM ({inner}) q
        LEFT JOIN {table} t ON t.translation_key = q.translation_key
            AND t.locale_id = (SELECT id FROM wagtailcore_locale WHERE language_code = %s)
        ORDER BY {_order_by(queryset, quote)}
    """  # noqa: S608 (names from the model's _meta; values are parameters)
    return list(
        model.objects.db_manager(queryset.db).raw(
            sql, [settings.LANGUAGE_CODE, language, *params, language]
        )
    )


def _order_by(queryset: QuerySet, quote) -> str:
    """The queryset's ordering, on the joined rows' columns."""
    model = queryset.model
    names = queryset.query.order_by or model._meta.ordering or ["pk"]
    terms = []
    for name in names:
        descending, name = name.startswith("-"), name.lstrip("-")
        field = model._meta.pk if name == "pk" else model._meta.get_field(name)
        terms.append(f"q.{quote(field.column)}{' DESC' if descending else ''}")
    return ", ".join(terms)


def _in_python(rows: list, fields, language: str) -> list:
    found = {}
    if rows and language != settings.LANGUAGE_CODE:
        found = {
            row.translation_key: row
            for row in type(rows[0]).objects.filter(
                translation_key__in=[row.translation_key for row in rows],
                locale__language_code=language,
            )
        }
    for row in rows:
        shown = found.get(row.translation_key, row)
        if language != settings.LANGUAGE_CODE:
            row.local_language = (
                language if shown is not row else settings.LANGUAGE_CODE
            )
        for field in fields:
            setattr(row, f"local_{field}", getattr(shown, field))
    return rows


def in_language(queryset: QuerySet, language: str | None = None) -> QuerySet:
    """Rows in `language` first choice, else the default language's."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return queryset.filter(locale__language_code__in={language, settings.LANGUAGE_CODE})
