"""Which statements ran on a connection in autocommit: for the PostgreSQL tests of the reads
that run outside a transaction (see outside_transactions.py)."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Connection, Engine, event


@contextmanager
def autocommit_of_statements(engine: Engine) -> Iterator[list[bool]]:
    """For each statement run on `engine` inside the block, whether its connection was in
    autocommit, in order. Skips the test on SQLite, which the reads leave alone (the tests of
    a PostgreSQL project run on SQLite without TEST_DATABASE_URL)."""
    if engine.dialect.name != "postgresql":
        pytest.skip("needs the PostgreSQL server of TEST_DATABASE_URL")
    autocommit: list[bool] = []

    def record(connection: Connection, *_: object) -> None:
        dbapi_connection = connection.connection.dbapi_connection
        autocommit.append(bool(getattr(dbapi_connection, "autocommit", False)))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield autocommit
    finally:
        event.remove(engine, "before_cursor_execute", record)
