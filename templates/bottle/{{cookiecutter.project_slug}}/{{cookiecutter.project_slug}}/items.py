"""Items: the validation of payloads, and the SQL of the `items` table."""

from dataclasses import dataclass
from typing import Any, TypedDict

from .database import Connection, Row

NAME_MAX_LENGTH = 100
DESCRIPTION_MAX_LENGTH = 1000
FIELDS = ("name", "description")


class Item(TypedDict):
    id: int
    name: str
    description: str | None


@dataclass(frozen=True)
class ItemIn:
    name: str
    description: str | None


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


class ItemValidationError(Exception):
    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(f"{len(errors)} invalid field(s)")
        self.errors = errors


def text_error(value: object, *, min_length: int, max_length: int) -> str | None:
    if not isinstance(value, str):
        return "must be a string"
    if not min_length <= len(value) <= max_length:
        return f"must be {min_length} to {max_length} characters long"
    # PostgreSQL cannot store NUL: refused on every database, as a 422 and not a 500.
    if "\x00" in value:
        return "must not contain NUL characters"
    return None


def parse_item(payload: Any) -> ItemIn:
    """Turn a decoded JSON body into an ItemIn or raise ItemValidationError."""
    if not isinstance(payload, dict):
        raise ItemValidationError([FieldError("body", "must be a JSON object")])
    errors = [FieldError(str(key), "unknown field") for key in payload if key not in FIELDS]
    if "name" not in payload:
        errors.append(FieldError("name", "is required"))
    elif problem := text_error(payload["name"], min_length=1, max_length=NAME_MAX_LENGTH):
        errors.append(FieldError("name", problem))
    description = payload.get("description")
    if description is not None and (
        problem := text_error(description, min_length=0, max_length=DESCRIPTION_MAX_LENGTH)
    ):
        errors.append(FieldError("description", problem))
    if errors:
        raise ItemValidationError(errors)
    return ItemIn(name=payload["name"], description=description)


def to_item(row: Row) -> Item:
    return {"id": row[0], "name": row[1], "description": row[2]}


def list_items(db: Connection, *, limit: int, offset: int) -> list[Item]:
    rows = db.execute(
        "SELECT id, name, description FROM items ORDER BY id LIMIT ? OFFSET ?", (limit, offset)
    )
    return [to_item(row) for row in rows]


def get_item(db: Connection, item_id: int) -> Item | None:
    rows = db.execute("SELECT id, name, description FROM items WHERE id = ?", (item_id,))
    return to_item(rows[0]) if rows else None


def create_item(db: Connection, item: ItemIn) -> Item:
    rows = db.execute(
        "INSERT INTO items (name, description) VALUES (?, ?) RETURNING id, name, description",
        (item.name, item.description),
    )
    return to_item(rows[0])


def replace_item(db: Connection, item_id: int, item: ItemIn) -> Item | None:
    rows = db.execute(
        "UPDATE items SET name = ?, description = ? WHERE id = ? RETURNING id, name, description",
        (item.name, item.description, item_id),
    )
    return to_item(rows[0]) if rows else None


def delete_item(db: Connection, item_id: int) -> bool:
    return bool(db.execute("DELETE FROM items WHERE id = ? RETURNING id", (item_id,)))
