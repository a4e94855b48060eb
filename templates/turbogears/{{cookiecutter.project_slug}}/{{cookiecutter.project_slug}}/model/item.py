"""The items table."""

from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from ..contract import MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH
from . import DeclarativeBase


class Item(DeclarativeBase):
    __tablename__ = "items"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(MAX_NAME_LENGTH))
    description: Mapped[str | None] = mapped_column(String(MAX_DESCRIPTION_LENGTH))

    # How TurboGears' JSON renderer writes an item.
    def __json__(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "description": self.description}
