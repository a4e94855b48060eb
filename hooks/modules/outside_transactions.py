"""An engine's connections, or a session's, outside a transaction, for the statements that
need none.

On PostgreSQL a statement alone (/health's `SELECT 1`, a read's one query) then costs one round
trip after the pool's ping, without a `BEGIN` and a `ROLLBACK`, and sees what it would in a
transaction of its own: PostgreSQL's READ COMMITTED gives each statement its own snapshot.
SQLite has no round trips to save, and would set and reset its isolation level with a PRAGMA
each time: its engine stays as it is.
"""

from sqlalchemy import Engine
from sqlalchemy.orm import Session

AUTOCOMMIT = {"isolation_level": "AUTOCOMMIT"}


def outside_transactions(engine: Engine) -> Engine:
    """The same engine and pool, its connections in autocommit on PostgreSQL."""
    if engine.dialect.name == "postgresql":
        return engine.execution_options(**AUTOCOMMIT)
    return engine


def read_outside_a_transaction(session: Session) -> None:
    """Give the request's session, before its first statement, a connection in autocommit on
    PostgreSQL: for a read of one statement, in a framework whose session is the request's.
    The pool takes the connection back to transactions when the session returns it. A session
    already in a transaction (a test's, around the request) stays in it."""
    if session.get_bind().dialect.name == "postgresql" and not session.in_transaction():
        session.connection(execution_options=AUTOCOMMIT)
