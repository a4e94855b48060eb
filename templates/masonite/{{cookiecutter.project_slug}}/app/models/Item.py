"""Item Model: Masonite ORM's active record over the items table
(databases/migrations/..._create_items_table.py)."""

from typing import Any, ClassVar

from masoniteorm.models import Model


class Item(Model):  # type: ignore[misc]
    __table__ = "items"
    # The columns create() and update() may set: never the id, which the database assigns.
    __fillable__: ClassVar[list[str]] = ["name", "description"]
    __timestamps__ = False

    def to_json_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "description": self.description}
