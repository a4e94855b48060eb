"""The SQLAlchemy engine and the thread pool its work runs on: one of each per server process.

The engine is synchronous (sqlite3, psycopg 3): a handler hands each request's whole unit of
work, a function of a Session, to the application's executor in one
`IOLoop.run_in_executor` call (see BaseHandler.in_session), so a request crosses to a thread
and back once, whatever number of DBAPI calls its work makes.
"""

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy import create_engine as sqlalchemy_engine
from sqlalchemy import event
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import InterfaceError, OperationalError

from .contract import apply_sqlite_pragmas

# What a database that cannot be reached raises: the service is unavailable (503). Drivers
# raise OSError (refused, timed out) when they cannot even connect.
DATABASE_DOWN = (OperationalError, InterfaceError, OSError)

# Threads of a process's database executor, and connections of its engine's pool: as many of
# one as of the other. A unit of work holds one connection from start to end, so with a
# connection for every thread no thread ever waits on the pool, and no connection sits idle
# that no thread could use. Four, as many as the other templates' Granian blocking threads: a
# thread that waits for the database (PostgreSQL's round trips, SQLite's write lock) lets the
# next request's work start; more threads only fight over the GIL with the IOLoop's thread,
# which parses requests and writes the answers.
DATABASE_THREADS = 4


def create_executor() -> ThreadPoolExecutor:
    """The threads this process's database work runs on: create them after forking."""
    return ThreadPoolExecutor(max_workers=DATABASE_THREADS, thread_name_prefix="database")


def create_engine(url: URL) -> Engine:
    """An engine for this process: create it after forking, never inherit one."""
    # No overflow past the pool: the executor never runs more units of work than it has
    # connections (and SQLite has one writer at a time: more connections only queue on it).
    pool = {"pool_size": DATABASE_THREADS, "max_overflow": 0}
    if url.get_backend_name() == "sqlite":
        # A file has no server to lose: no pre-ping, which would cost a third of the throughput.
        engine = sqlalchemy_engine(url, **pool)
        event.listen(engine, "connect", configure_sqlite)
        return engine
    return sqlalchemy_engine(
        url,
        **pool,
        # Check pooled connections first, so the app recovers when the database comes back.
        pool_pre_ping=True,
        # Fail fast (503) instead of waiting for the operating system's TCP timeout when the
        # server is away (libpq's connect_timeout, in seconds).
        connect_args={"connect_timeout": 5},
    )


def configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """Let several server processes share one SQLite file: WAL, and wait for the write lock."""
    # Under 64 clients the writers of both processes queue on SQLite's one write lock, and on a
    # busy machine a write can wait its turn for seconds: the contract's 5 s gave 503 "database
    # is locked" under the benchmark's load. Wait up to 30 s before giving up.
    apply_sqlite_pragmas(dbapi_connection, busy_timeout="30000")
