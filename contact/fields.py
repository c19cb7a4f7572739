"""A text column encrypted at rest (contact/crypto.py), read and written as plain
text by everything above the database: forms, the inbox, exports, templates."""

import logging

from django.core import validators
from django.core.exceptions import FieldError
from django.db import models
from django.db.models.lookups import Exact

from . import crypto

logger = logging.getLogger(__name__)

UNDECRYPTABLE_NOTICE = "Cannot be decrypted"


class Undecryptable(str):
    """What a field reads when no configured key opens its token (a revoked or wrong
    key, corrupted bytes). It shows as the notice; saving the row writes the original
    token back, so a status change never destroys what a restored key could read."""

    token: str

    def __new__(cls, token: str):
        value = super().__new__(cls, UNDECRYPTABLE_NOTICE)
        value.token = token
        return value


class Ciphertext(str):
    """A token already encrypted (by key rotation): stored as it is."""


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token; "" stays "" so blank fields stay filterable.

    Values written before encryption (no Fernet token) are read as they are, so a
    table is readable at every moment of the migration that encrypts it. Only
    `exact` against "" and `isnull` can be looked up: anything else would compare
    ciphertext. Search goes through Lead.search_index (the blind index).
    """

    description = "Text encrypted at rest"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(validators.MaxLengthValidator(self.max_length))

    def from_db_value(self, value, expression, connection):
        if not value or not crypto.looks_encrypted(value):
            return value
        try:
            return crypto.decrypt(value)
        except crypto.DecryptionFailed:
            # Which column, never the value: the audit entry names the row.
            logger.warning("%s: a value cannot be decrypted", self.model_label())
            return Undecryptable(value)

    def model_label(self) -> str:
        model = getattr(self, "model", None)
        return f"{model._meta.label}.{self.name}" if model else self.name

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        if isinstance(value, Undecryptable):
            return value.token
        if isinstance(value, Ciphertext):
            return str(value)
        return crypto.encrypt(value)

    def get_lookup(self, lookup_name):
        if lookup_name == "exact":
            return BlankOnlyExact
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        return None

    def get_transform(self, lookup_name):
        return None


class BlankOnlyExact(Exact):
    def get_prep_lookup(self):
        if isinstance(self.rhs, str) and self.rhs != "":
            raise FieldError(
                f"{self.lhs.target.name} is encrypted: compare it only with "
                "'' or search through the lead's blind index (contact/crypto.py)"
            )
        return super().get_prep_lookup()


def undecryptable_fields(instance) -> list[str]:
    """Names of `instance`'s encrypted fields that no key could open."""
    return [
        field.name
        for field in instance._meta.concrete_fields
        if isinstance(getattr(instance, field.attname, None), Undecryptable)
    ]
