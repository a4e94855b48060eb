"""The item the API serves."""

from typing import Any

from django.core.validators import ProhibitNullCharactersValidator
from django.db import models

# PostgreSQL cannot store NUL characters: refused on every database, as a 422 and not a 500.
NO_NUL = ProhibitNullCharactersValidator()


class Item(models.Model):
    # The contract's schema: a 32-bit integer id, in a table named `items`.
    id = models.AutoField(primary_key=True)
    name = models.CharField(max_length=100, validators=[NO_NUL])
    description = models.CharField(max_length=1000, null=True, blank=True, validators=[NO_NUL])

    class Meta:
        db_table = "items"
        ordering = ("id",)

    def __str__(self) -> str:
        return self.name

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "description": self.description}
