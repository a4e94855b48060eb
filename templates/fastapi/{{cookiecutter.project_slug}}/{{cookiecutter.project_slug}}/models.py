"""Database models (SQLAlchemy 2, typed declarative mapping)."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from .contract import MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH
from .database import Base


class Item(Base):
    __tablename__ = "items"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(MAX_NAME_LENGTH))
    description: Mapped[str | None] = mapped_column(String(MAX_DESCRIPTION_LENGTH))
