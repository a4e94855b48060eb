"""The SQL of the `items` table."""

from .database import Connection, Row
from .models import Item
from .schemas import ItemIn


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
