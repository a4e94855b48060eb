"""An engine's connections outside a transaction, for the statements that need none.

On PostgreSQL a statement alone (/health's `SELECT 1`, a read's one query) then costs one round
trip after the pool's ping, without a `BEGIN` and a `ROLLBACK`, and sees what it would in a
transaction of its own: PostgreSQL's READ COMMITTED gives each statement its own snapshot.
SQLite has no round trips to save, and would set and reset its isolation level with a PRAGMA
each time: its engine stays as it is.
"""

from sqlalchemy import Engine


def outside_transactions(engine: Engine) -> Engine:
    """The same engine and pool, its connections in autocommit on PostgreSQL."""
    if engine.dialect.name == "postgresql":
        return engine.execution_options(isolation_level="AUTOCOMMIT")
    return engine
