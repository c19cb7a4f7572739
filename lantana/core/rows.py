"""Model instances from plain SQL, without the ORM building a query each time.

Two ways, for two needs:

`read(model, sql, params)`: instances made without Model.__init__ from any SQL whose
columns are named as the model's own. For a page or any other ClusterableModel,
modelcluster's __init__ walks every field of the model twice looking for child
relations passed as arguments (about 80 µs an instance here: a millisecond for a
location's fourteen clinicians), though rows read from the database never carry any.
`read` makes the instances as `Model.objects.raw` would, with the fields' own
converters (dates and JSON arrive as on the ORM's rows), but sets their values
directly; what the query did not read is deferred and read on first use, as with
`.only()`, and columns that are not fields become attributes, as with `raw()`.
Nothing in the project listens to a model's init signals (which raw() would send).

`Rows(model)`: Django writes the model's whole SELECT (parent tables joined, deferred
fields left out, one foreign key joined as select_related does) once per process,
and only the WHERE and ORDER BY are written by hand, with `%s` parameters, in SQL
that SQLite and PostgreSQL both read. Used where every field of the model is wanted
(routing, images, article cards): the ORM builds a query's SQL anew on every call,
which for the small queries every page makes costs more than the database takes to
run them (an article's topics: 0.65 ms with the ORM, 0.19 ms as plain SQL).

Both send their SQL through `lantana.core.prepared`: on PostgreSQL each text is
prepared once per connection, and then only executed.
"""

from collections.abc import Sequence

from django.db import connections, models, router
from django.db.models import Model
from django.db.models.base import ModelState
from modelcluster.models import ClusterableModel
from wagtail.models.pages import AbstractPage, ShowInMenusMixin

from lantana.core.prepared import execute


def read(model: type[models.Model], sql: str, params: list) -> list:
    """Instances of `model` from `sql`, whose columns are named as the model's own
    (its primary key among them) or are extra values."""
    db = model.objects.db
    connection = connections[db]
    with connection.cursor() as cursor:
        execute(connection, cursor, sql, params)
        names = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    fields = {field.column: field for field in model._meta.concrete_fields}
    attnames = [fields[name].attname if name in fields else name for name in names]
    converters = []
    for position, name in enumerate(names):
        field = fields.get(name)
        if field is None:
            continue
        column = field.get_col(field.model._meta.db_table)
        found = connection.ops.get_db_converters(column)
        found += field.get_db_converters(connection)
        if found:
            converters.append((position, found, column))
    instances = []
    for row in rows:
        values = list(row)
        for position, functions, column in converters:
            for convert in functions:
                values[position] = convert(values[position], column, connection)
        instance = model.__new__(model)
        instance.__dict__.update(zip(attnames, values, strict=True))
        instance._state = ModelState()
        instance._state.adding, instance._state.db = False, db
        instances.append(instance)
    return instances


# Constructors that add nothing to Model.__init__ for a row read from the database
# (positional values, the id set): ClusterableModel's takes child objects passed by
# keyword, Wagtail's page mixins fill defaults for a page not saved yet. Each costs
# a page instance about 300 Python calls (modelcluster lists the model's child
# relations on every call).
ROW_NO_OP_INITS = (
    Model.__init__,
    ClusterableModel.__init__,
    AbstractPage.__init__,
    ShowInMenusMixin.__init__,
)


class Rows:
    """Instances of `model` (its concrete fields but `defer`, its parent tables
    joined, as `model.objects.defer(*defer)` reads them), each with `extra`
    columns (name: SQL expression) set as attributes, and with the row of the
    foreign key `related` when named (as `.select_related(related)`)."""

    def __init__(
        self,
        model,
        extra: dict[str, str] | None = None,
        defer: Sequence[str] = (),
        related: str | None = None,
    ):
        self.model = model
        self.related = model._meta.get_field(related) if related else None
        self.related_rows = Rows(self.related.related_model) if related else None
        self.extra = extra or {}
        self.defer = tuple(defer)
        self.fields = [
            field.attname
            for field in model._meta.concrete_fields
            if field.name not in self.defer
        ]
        self._built = {}
        inits = [
            k.__dict__["__init__"] for k in model.__mro__ if "__init__" in k.__dict__
        ]
        # Made without a constructor when none adds anything to a saved row.
        self._made_directly = model.from_db.__func__ is Model.from_db.__func__ and all(
            init in ROW_NO_OP_INITS for init in inits if init is not object.__init__
        )

    def column(self, field_name: str) -> str:
        """A field's column, quoted and qualified by the table it lives in (a
        parent's for an inherited field), for a WHERE or an ORDER BY."""
        field = self.model._meta.get_field(field_name)
        return f'"{field.model._meta.db_table}"."{field.column}"'

    def in_bulk(self, ids) -> dict:
        """{pk: instance} for the primary keys in `ids` (None ignored)."""
        ids = sorted({pk for pk in ids if pk is not None})
        if not ids:
            return {}
        pk = self.column(self.model._meta.pk.name)
        found = self.read(f"{pk} IN ({', '.join(['%s'] * len(ids))})", ids)
        return {instance.pk: instance for instance in found}

    def read(
        self,
        where: str,
        params: Sequence = (),
        order_by: str = "",
        limit: int | None = None,
        offset: int = 0,
        extra_params: Sequence = (),
    ) -> list:
        """The rows matching `where` (SQL, `%s` for each of `params`), in
        `order_by` (SQL), at most `limit` after `offset`; `extra_params` are the
        extra columns' parameters."""
        alias = router.db_for_read(self.model)
        connection = connections[alias]
        select, from_where, converters = self._select(connection)
        sql = f"{select}{from_where} WHERE {where}"
        if order_by:
            sql += f" ORDER BY {order_by}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        if offset:
            sql += f" OFFSET {int(offset)}"
        with connection.cursor() as cursor:
            execute(connection, cursor, sql, [*extra_params, *params])
            rows = cursor.fetchall()
        width = len(self.fields)
        related_width = len(self.related_rows.fields) if self.related else 0
        instances = []
        for row in rows:
            row = list(row)
            for position, (functions, expression) in converters:
                value = row[position]
                for function in functions:
                    value = function(value, expression, connection)
                row[position] = value
            instance = self._instance(alias, row[:width])
            if self.related is not None:
                values = row[width : width + related_width]
                # The primary key first: None when the foreign key is empty.
                found = None
                if values[0] is not None:
                    found = self.related_rows._instance(alias, values)
                self.related.set_cached_value(instance, found)
            extra = row[width + related_width :]
            for name, value in zip(self.extra, extra, strict=True):
                setattr(instance, name, value)
            instances.append(instance)
        return instances

    def count(self, where: str, params: Sequence = ()) -> int:
        """How many rows match `where` (as read() would find them)."""
        connection = connections[router.db_for_read(self.model)]
        _, from_where, _ = self._select(connection)
        with connection.cursor() as cursor:
            sql = f"SELECT COUNT(*){from_where} WHERE {where}"  # noqa: S608
            execute(connection, cursor, sql, params)
            return cursor.fetchone()[0]

    def _instance(self, alias: str, values: list):
        """Model.from_db(alias, self.fields, values), made as `read` makes its
        instances when no constructor adds anything to a saved row
        (ROW_NO_OP_INITS): the values set directly, a deferred field left out
        (read on first use), and no init signals sent (the only receiver in the
        project is ImageField's, which fills an image's width and height when
        they are empty: never on a saved row)."""
        if not self._made_directly:
            return self.model.from_db(alias, frozenset(self.fields), values)
        instance = self.model.__new__(self.model)
        instance.__dict__.update(zip(self.fields, values, strict=True))
        instance._state = ModelState()
        instance._state.adding, instance._state.db = False, alias
        return instance

    def _select(self, connection):
        built = self._built.get(connection.alias)
        if built is None:
            built = self._built[connection.alias] = self._build(connection)
        return built

    def _build(self, connection):
        """Django's own SELECT for the model, and the converters of its columns."""
        queryset = self.model._base_manager.defer(*self.defer)
        fields = self.fields
        if self.related is not None:
            queryset = queryset.select_related(self.related.name)
            fields = [*fields, *self.related_rows.fields]
        query = queryset.query
        query.clear_ordering(force=True)
        compiler = query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        columns = [column for column, _, _ in compiler.select]
        if params or [column.target.attname for column in columns] != fields:
            raise ValueError(f"Rows cannot read {self.model.__name__} in one SELECT")
        head, separator, tail = sql.partition(" FROM ")
        extra = "".join(
            f', {expression} AS "{name}"' for name, expression in self.extra.items()
        )
        converters = list(compiler.get_converters(columns).items())
        return f"{head}{extra}", f"{separator}{tail}", converters


def db_value(model, field_name: str, value):
    """`value` as a parameter for a column of `model` (a UUID is text on SQLite)."""
    connection = connections[router.db_for_read(model)]
    return model._meta.get_field(field_name).get_db_prep_value(value, connection)
