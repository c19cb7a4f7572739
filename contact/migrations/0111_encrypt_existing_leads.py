"""Encrypt the lead fields stored before encryption, and build the blind index.

Batches of BATCH rows, each in its own transaction with its rows locked: a crash
leaves whole batches done and the rest plain text, and the field reads both
(contact/fields.py), so the table is readable at every moment and running the
migration again finishes the job. Values already encrypted are left alone.
Reversing decrypts again, and refuses (changing nothing) if any value cannot be
decrypted with the configured keys.
"""

from django.db import migrations, transaction

BATCH = 500
LEAD_FIELDS = [
    "preferred_name",
    "email",
    "phone",
    "message",
    "best_time",
    "first_message",
    "source_path",
    "utm_source",
    "utm_medium",
    "utm_campaign",
]
TABLES = {"Lead": LEAD_FIELDS, "LeadNote": ["text"], "ChatMessage": ["text"]}


def batches(apps, schema_editor, model_name, fields):
    """Yield (cursor, table, rows) per batch, inside that batch's transaction."""
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    table = quote(apps.get_model("contact", model_name)._meta.db_table)
    columns = ", ".join(quote(field) for field in ["id", *fields])
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    last = 0
    while True:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {columns} FROM {table} WHERE id > %s "  # noqa: S608
                f"ORDER BY id LIMIT {BATCH}{lock}",
                [last],
            )
            rows = cursor.fetchall()
            if not rows:
                return
            yield cursor, table, rows
        last = rows[-1][0]


def update(cursor, table, quote, pk, values: dict):
    if values:
        assignments = ", ".join(f"{quote(name)} = %s" for name in values)
        cursor.execute(
            f"UPDATE {table} SET {assignments} WHERE id = %s",  # noqa: S608
            [*values.values(), pk],
        )


def plain(crypto, value):
    """The text of a stored value, or None when no key opens it."""
    if not value or not crypto.looks_encrypted(value):
        return value or ""
    try:
        return crypto.decrypt(value)
    except crypto.DecryptionFailed:
        return None


def encrypt_rows(apps, schema_editor):
    from contact import crypto

    quote = schema_editor.connection.ops.quote_name
    for model_name, fields in TABLES.items():
        for cursor, table, rows in batches(apps, schema_editor, model_name, fields):
            for pk, *values in rows:
                changes = {
                    field: crypto.encrypt(value)
                    for field, value in zip(fields, values, strict=True)
                    if value and not crypto.looks_encrypted(value)
                }
                if model_name == "Lead":
                    texts = [plain(crypto, value) for value in values[:3]]
                    if None not in texts:
                        changes["search_index"] = crypto.build_index(*texts)
                update(cursor, table, quote, pk, changes)


def decrypt_rows(apps, schema_editor):
    from contact import crypto

    quote = schema_editor.connection.ops.quote_name
    with transaction.atomic(using=schema_editor.connection.alias):
        for model_name, fields in TABLES.items():
            for cursor, table, rows in batches(apps, schema_editor, model_name, fields):
                for pk, *values in rows:
                    texts = [plain(crypto, value) for value in values]
                    if None in texts:
                        raise RuntimeError(
                            f"{model_name} #{pk} holds a value no key in "
                            "LEAD_ENCRYPTION_KEYS opens; nothing was decrypted"
                        )
                    update(
                        cursor,
                        table,
                        quote,
                        pk,
                        dict(zip(fields, texts, strict=True)),
                    )


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("contact", "0110_lead_data_encrypted")]

    operations = [migrations.RunPython(encrypt_rows, decrypt_rows, elidable=False)]
