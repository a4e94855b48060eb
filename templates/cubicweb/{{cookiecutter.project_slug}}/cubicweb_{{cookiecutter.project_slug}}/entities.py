"""Entity classes: the Python side of the schema's entity types."""

from typing import Any

from cubicweb.entities import AnyEntity


class Item(AnyEntity):  # type: ignore[misc]  # CubicWeb ships no type hints.
    __regid__ = "Item"

    def to_dict(self) -> dict[str, Any]:
        """The item as the API shows it."""
        return {"id": self.eid, "name": self.name, "description": self.description}
