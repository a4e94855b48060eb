"""py4web's raw-driver limit: the service's /health and reads through sqlite3 (raw_database)
or psycopg2 alone, the PostgreSQL driver the service has (pydal drives psycopg2 only)."""

import threading
from typing import Any

from py4web import HTTP, action

from limit_service import raw_database

_per_thread = threading.local()


def psycopg2_rows(sql: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The rows of one statement on this thread's psycopg2 connection, opened on first use."""
    connection = getattr(_per_thread, "connection", None)
    if connection is None:
        import psycopg2

        connection = psycopg2.connect(raw_database.postgresql_url())
        connection.autocommit = True
        _per_thread.connection = connection
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        return list(cursor.fetchall())


def healthy() -> None:
    if raw_database.is_sqlite():
        raw_database.healthy()
    else:
        psycopg2_rows("SELECT 1")


@action("health", method="GET")
def health() -> dict[str, str]:
    healthy()
    return {"status": "ok"}


@action("api/items", method="GET")
def items() -> list[raw_database.Item]:
    if raw_database.is_sqlite():
        return raw_database.items()
    return raw_database.as_items(psycopg2_rows(raw_database.LIST))


@action("api/items/<item_id:int>", method="GET")
def item(item_id: int) -> raw_database.Item:
    if raw_database.is_sqlite():
        found = raw_database.item(item_id)
    else:
        rows = psycopg2_rows(raw_database.ONE.format("%s"), (item_id,))
        found = raw_database.as_items(rows)[0] if rows else None
    if found is None:
        raise HTTP(404)
    return found
