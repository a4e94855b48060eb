"""The database of a worker process: a SQLAlchemy engine and the threads its work runs on.

The engine is synchronous (sqlite3, psycopg 3): a handler hands its request's whole unit of
work, a function of a Session, to the worker's executor in one `run_in_executor` call (see
Database.in_session), so a request crosses to a thread and back once, whatever number of DBAPI
calls its work makes. Async SQLAlchemy (aiosqlite, asyncpg) would wake the event loop for each
of them; the template repository measured what that costs (benchmarks/README.md).
"""

import asyncio
import contextvars
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from sanic.exceptions import ServiceUnavailable
from sqlalchemy import Connection, create_engine, event
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from .contract import apply_sqlite_pragmas
from .migration_check import MigrationCheck
from .outside_transactions import outside_transactions

P = ParamSpec("P")
T = TypeVar("T")

logger = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"

# What a database that cannot be reached raises: the service is unavailable (503). Drivers
# raise OSError (refused, timed out) when they cannot even connect.
DATABASE_DOWN = (OperationalError, InterfaceError, OSError)

# Threads of a worker's database executor, and connections of its engine's pool: as many of
# one as of the other. A unit of work holds one connection from start to end, so with a
# connection for every thread no thread ever waits on the pool, and no connection sits idle
# that no thread could use. Four, as in the Tornado template: a thread that waits for the
# database lets the next request's work start; more threads only fight over the GIL with the
# event loop's thread, which parses requests and writes the answers.
DATABASE_THREADS = 4


def create_database_engine(url: URL) -> Engine:
    """An engine for this process: create it in the worker, never inherit one."""
    # No overflow past the pool: the executor never runs more units of work than it has
    # connections (and SQLite has one writer at a time: more connections only queue on it).
    pool = {"pool_size": DATABASE_THREADS, "max_overflow": 0}
    if url.get_backend_name() == "sqlite":
        # A file has no server to lose: no pre-ping, which would cost a third of the throughput.
        engine = create_engine(url, **pool)
        event.listen(engine, "connect", configure_sqlite)
        return engine
    return create_engine(
        url,
        **pool,
        # Check pooled connections first, so the app recovers when the database comes back.
        pool_pre_ping=True,
        # Fail fast (503) instead of waiting for the operating system's TCP timeout when the
        # server is away (libpq's connect_timeout, in seconds).
        connect_args={"connect_timeout": 5},
    )


def configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """Let several workers share one SQLite file: WAL, and wait for the write lock."""
    # Under 64 clients the writers of both workers queue on SQLite's one write lock, and on a
    # busy machine a write can wait its turn for seconds: wait up to 30 s before giving up.
    apply_sqlite_pragmas(dbapi_connection, busy_timeout="30000")


def require_migrated(check: MigrationCheck, connection: Connection) -> None:
    """A 503 naming `alembic upgrade head` while the database lacks a migration. Asked until
    the answer is yes, then kept for the life of the process. Runs on a database thread."""
    if check.current:
        return
    pending = check.pending(connection)
    if pending:
        logger.warning("%s Missing: %s.", check.detail, ", ".join(pending))
        raise ServiceUnavailable(check.detail)


class Database:
    """The engine, its sessions and its threads: one per worker, opened and closed by the
    app's listeners (app.py)."""

    def __init__(self, url: URL) -> None:
        self.engine = create_database_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        # The same pool, for /health's SELECT 1 and the reads (see in_read_session).
        self.outside_transactions = outside_transactions(self.engine)
        self.read_sessions = sessionmaker(self.outside_transactions)
        self.executor = ThreadPoolExecutor(DATABASE_THREADS, thread_name_prefix="database")
        # Whether the database has every migration in migrations/ (see require_migrated).
        self.migrations = MigrationCheck(MIGRATIONS, "uv run alembic upgrade head")

    def close(self) -> None:
        # No waiting for a thread that a request cut short by the stop still holds.
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.engine.dispose()

    async def in_session(
        self, work: Callable[Concatenate[Session, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """`work(session, *args, **kwargs)` on a new Session, in one executor call.

        The request's whole unit of work (its queries, its commit) runs on a database thread.
        The session is closed when `work` returns, rolling back what it did not commit. `work`
        touches only its session and its arguments, and returns plain data, not objects of
        the session.
        """
        return await self.in_executor(self.unit_of_work(self.sessions, work, *args, **kwargs))

    async def in_read_session(
        self, work: Callable[Concatenate[Session, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """As in_session, for a read of one query, which then runs outside a transaction (see
        outside_transactions)."""
        unit_of_work = self.unit_of_work(self.read_sessions, work, *args, **kwargs)
        return await self.in_executor(unit_of_work)

    def unit_of_work(
        self,
        sessions: sessionmaker[Session],
        work: Callable[Concatenate[Session, P], T],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> Callable[[], T]:
        def run() -> T:
            with sessions() as session:
                require_migrated(self.migrations, session.connection())
                return work(session, *args, **kwargs)

        return run

    async def in_connection(self, work: Callable[[Connection], T]) -> T:
        """`work(connection)` on a pooled connection without an ORM session, like in_session."""

        def unit_of_work() -> T:
            with self.outside_transactions.connect() as connection:
                require_migrated(self.migrations, connection)
                return work(connection)

        return await self.in_executor(unit_of_work)

    async def in_executor(self, function: Callable[[], T]) -> T:
        """`function()` on the database threads, off the event loop; a database that does not
        answer is a 503, not a 500. It runs in the request's context, so that its log lines
        carry the request's id (logs.REQUEST_ID)."""
        in_context = contextvars.copy_context().run
        try:
            return await asyncio.get_running_loop().run_in_executor(
                self.executor, in_context, function
            )
        except DATABASE_DOWN as error:
            logger.warning("The database is not answering: %r", error)
            raise ServiceUnavailable("The database is not answering.") from error
