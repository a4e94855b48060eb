"""The item the API serves."""

from typing import Any

from django.core.validators import ProhibitNullCharactersValidator
from django.db import models

from ..contract import MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH

# PostgreSQL cannot store NUL characters: refused on every database, as a 422 and not a 500.
NO_NUL = ProhibitNullCharactersValidator()


class Item(models.Model):
    # The contract's schema: a 32-bit integer id, in a table named `items`.
    id = models.AutoField(primary_key=True)
    name = models.CharField(max_length=MAX_NAME_LENGTH, validators=[NO_NUL])
    description = models.CharField(
        max_length=MAX_DESCRIPTION_LENGTH, null=True, blank=True, validators=[NO_NUL]
    )

    class Meta:
        db_table = "items"
        ordering = ("id",)

    def __str__(self) -> str:
        return self.name

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "description": self.description}
