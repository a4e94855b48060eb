"""One release step at a time: the migrations run under a PostgreSQL advisory lock.

Two release steps can start together (a deploy's migration Job retried beside a running one,
two deploys at once). Alembic takes no lock of its own, so both would create the same tables
and one would fail; with the lock, the second waits for the first and then finds nothing left
to do. SQLite needs none: its service runs the release step in its one pod.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text

from .contract import MIGRATION_LOCK_KEY


@contextmanager
def migration_lock(connection: Connection) -> Iterator[None]:
    """Hold the lock on `connection` for the duration of the block (PostgreSQL only)."""
    if connection.dialect.name != "postgresql":
        yield
        return
    connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
    # The lock belongs to the session and outlives this transaction; Alembic begins its own.
    connection.commit()
    try:
        yield
    finally:
        connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
        connection.commit()
