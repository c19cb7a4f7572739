"""Model instances from plain SQL, made without Model.__init__.

For a page or any other ClusterableModel, modelcluster's __init__ walks every field
of the model twice looking for child relations passed as arguments (about 80 µs an
instance here: a millisecond for a location's fourteen clinicians), though rows read
from the database never carry any. `read` makes the instances as
`Model.objects.raw` would, with the fields' own converters (dates and JSON arrive
as on the ORM's rows), but sets their values directly; what the query did not read
is deferred and read on first use, as with `.only()`, and columns that are not
fields become attributes, as with `raw()`. Nothing in the project listens to a
model's init signals (which raw() would send).
"""

from django.db import connections, models
from django.db.models.base import ModelState


def read(model: type[models.Model], sql: str, params: list) -> list:
    """Instances of `model` from `sql`, whose columns are named as the model's own
    (its primary key among them) or are extra values."""
    db = model.objects.db
    connection = connections[db]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
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
