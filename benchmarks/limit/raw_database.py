"""The service's items read with the database driver alone: no ORM, no session, no pool
manager, no validation. The raw-driver apps (limit/<template>/) answer /health, /api/items and
/api/items/{id} through it, so each generated endpoint can be set against the fastest way its
framework and server can answer the same request from the same table.

The benchmark copies this module into each app's package. It reads DATABASE_URL as the
service does: SQLite through sqlite3, PostgreSQL through psycopg, or asyncpg in the async apps.
Each thread keeps one connection (a worker's threads never share one); the async apps keep one
per process (SQLite) or an asyncpg pool.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Sequence
from typing import Any

Item = dict[str, Any]

DATABASE_URL = os.environ["DATABASE_URL"]
SQLITE_PREFIX = "sqlite:///"
# The contract's first page: up to 100 items, by id.
LIST = "SELECT id, name, description FROM items ORDER BY id LIMIT 100"
ONE = "SELECT id, name, description FROM items WHERE id = {}"
COLUMNS = ("id", "name", "description")

_per_thread = threading.local()


def is_sqlite() -> bool:
    return DATABASE_URL.startswith(SQLITE_PREFIX)


def postgresql_url() -> str:
    """The URL as libpq and asyncpg take it, without SQLAlchemy's driver suffix."""
    scheme, rest = DATABASE_URL.split("://", 1)
    return f"postgresql://{rest}" if scheme.startswith("postgres") else DATABASE_URL


def connection() -> Any:
    """This thread's connection, opened on first use."""
    opened = getattr(_per_thread, "connection", None)
    if opened is None:
        if is_sqlite():
            opened = sqlite3.connect(DATABASE_URL.removeprefix(SQLITE_PREFIX))
        else:
            import psycopg

            opened = psycopg.connect(postgresql_url(), autocommit=True)
        _per_thread.connection = opened
    return opened


def placeholder() -> str:
    return "?" if is_sqlite() else "%s"


def as_items(rows: Sequence[Sequence[Any]]) -> list[Item]:
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows]


def healthy() -> bool:
    """SELECT 1 on this thread's connection."""
    return connection().execute("SELECT 1").fetchone() is not None


def items() -> list[Item]:
    return as_items(connection().execute(LIST).fetchall())


def item(item_id: int) -> Item | None:
    rows = connection().execute(ONE.format(placeholder()), (item_id,)).fetchall()
    return as_items(rows)[0] if rows else None


class AsyncDatabase:
    """The same queries for an event loop: an asyncpg pool on PostgreSQL; on SQLite, sqlite3
    on the loop's thread (no thread crossing at all: the limit, not a model for async code)."""

    def __init__(self) -> None:
        self.pool: Any = None

    async def _pool(self) -> Any:
        if self.pool is None:
            import asyncpg

            self.pool = await asyncpg.create_pool(postgresql_url(), min_size=1, max_size=10)
        return self.pool

    async def healthy(self) -> bool:
        if is_sqlite():
            return healthy()
        pool = await self._pool()
        return bool(await pool.fetchval("SELECT 1") == 1)

    async def items(self) -> list[Item]:
        if is_sqlite():
            return items()
        pool = await self._pool()
        return as_items(await pool.fetch(LIST))

    async def item(self, item_id: int) -> Item | None:
        if is_sqlite():
            return item(item_id)
        pool = await self._pool()
        rows = await pool.fetch(ONE.format("$1"), item_id)
        return as_items(rows)[0] if rows else None
