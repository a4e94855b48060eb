"""The engine, opened and closed by the app's lifespan, and each request's unit of work on it.

The path operations that use the database are `async def` and hand their whole unit of work
(open a session, query, commit, close) to FastAPI's threadpool in one call, `Database.run` (or
`Database.read` for a read of one query).
The session's queries then block a thread rather than the event loop, and a request crosses to
a thread once. FastAPI's SQL tutorial writes plain `def` path operations with a session
dependency instead: FastAPI then crosses to its threadpool four times a request (to open the
session, run the path operation, check its answer against the response model and close the
session), which cost a read more CPU than its query does.
"""

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, Concatenate, ParamSpec, TypedDict, TypeVar

import sqlalchemy
from anyio import Semaphore
from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
{%- if cookiecutter.observability == "opentelemetry" %}
from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
{%- endif %}
from sqlalchemy import Connection, Engine, event, make_url, text
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from .contract import apply_sqlite_pragmas
from .migration_check import MigrationCheck
from .outside_transactions import outside_transactions
{%- if cookiecutter.observability == "opentelemetry" %}
from .telemetry import start_telemetry
{%- endif %}

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"

# The pool's connections in each server worker, and the requests it lets use the database at
# once (see Database.run): past a few, threads only take turns at the GIL, and SQLite's
# writers at the file's lock. FastAPI's threadpool keeps AnyIO's 40 threads, more than these
# requests need.
CONNECTIONS = 8
# Seconds to wait for PostgreSQL to accept a connection before the request is a 503.
CONNECT_TIMEOUT = 5

P = ParamSpec("P")
T = TypeVar("T")


class Base(DeclarativeBase):
    pass


def configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """Let several server workers share one SQLite file: WAL, and wait for the write lock."""
    apply_sqlite_pragmas(dbapi_connection)


def create_engine(database_url: str) -> Engine:
    # No overflow: Database.run lets no more requests in than the pool has connections.
    if make_url(database_url).get_backend_name() == "sqlite":
        # A file needs no ping.
        engine = sqlalchemy.create_engine(database_url, pool_size=CONNECTIONS, max_overflow=0)
        event.listen(engine, "connect", configure_sqlite)
        return engine
    # Check pooled connections first, so the app recovers when the database comes back.
    return sqlalchemy.create_engine(
        database_url,
        pool_size=CONNECTIONS,
        max_overflow=0,
        pool_pre_ping=True,
        connect_args={"connect_timeout": CONNECT_TIMEOUT},
    )


class Database:
    """The engine's sessions for the path operations, and /health's question, each in one of
    FastAPI's threads."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sessions = sessionmaker(engine, expire_on_commit=False)
        # The same engine and pool, for /health's SELECT 1 and the reads (see read).
        self.outside_transactions = outside_transactions(engine)
        self.read_sessions = sessionmaker(self.outside_transactions)
        # A turn per pooled connection (see run).
        self.connection_turns = Semaphore(CONNECTIONS)
        # Whether the database has every migration in migrations/ (see require_migrated).
        self.migrations = MigrationCheck(MIGRATIONS, "uv run alembic upgrade head")

    async def run(
        self, work: Callable[Concatenate[Session, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """`work(session, *args, **kwargs)` in a thread, with a session that is closed (and
        rolled back unless committed) after it.

        It first waits on the event loop, where waiting costs nothing, until one of the pool's
        connections is free: a thread never waits for a connection while it holds a place in
        the threadpool.
        """

        return await self.in_thread(self.sessions, work, *args, **kwargs)

    async def read(
        self, work: Callable[Concatenate[Session, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """As `run`, for a unit of work of one query, which then runs outside a transaction
        (see outside_transactions)."""
        return await self.in_thread(self.read_sessions, work, *args, **kwargs)

    async def in_thread(
        self,
        sessions: sessionmaker[Session],
        work: Callable[Concatenate[Session, P], T],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        def unit_of_work() -> T:
            self.check_migrations()
            with sessions() as session:
                return work(session, *args, **kwargs)

        async with self.connection_turns:
            return await run_in_threadpool(unit_of_work)

    async def ping(self) -> None:
        """/health's question: a pooled connection's SELECT 1, without a session (nor, on
        PostgreSQL, a transaction). A 503 while the database lacks a migration; a database
        error propagates to the 503 problem handler."""
        async with self.connection_turns:
            await run_in_threadpool(self.select_one)

    def check_migrations(self) -> None:
        if not self.migrations.current:
            with self.engine.connect() as connection:
                require_migrated(self.migrations, connection)

    def select_one(self) -> None:
        with self.outside_transactions.connect() as connection:
            require_migrated(self.migrations, connection)
            connection.execute(text("SELECT 1"))


class State(TypedDict):
    """What the lifespan hands to every request (`request.state`)."""

    database: Database


def lifespan(database_url: str) -> Callable[[FastAPI], AbstractAsyncContextManager[State]]:
    """The app's lifespan: an engine per running app (and event loop), not one per import.
    {%- if cookiecutter.observability == "opentelemetry" %}

    With OTEL_EXPORTER_OTLP_ENDPOINT set, it starts the process's telemetry (telemetry.py) in
    each server worker before its first request: FastAPI then traces every request itself (a
    span with its route and status, the request duration metric), and the engine is
    instrumented for as long as it is open, a span for each statement. The statements run in
    FastAPI's threadpool, which AnyIO enters with a copy of the request's context: their spans
    are children of the request's.
    {% endif %}"""

    @asynccontextmanager
    async def open_database(_app: FastAPI) -> AsyncIterator[State]:
        engine = create_engine(database_url)
{%- if cookiecutter.observability == "opentelemetry" %}
        traced = start_telemetry()
        if traced:
            # skip_dep_check: the instrumentation declares SQLAlchemy < 2.1, and works with 2.1
            # (tests/test_observability.py).
            SQLAlchemyInstrumentor().instrument(engine=engine, skip_dep_check=True)
{%- endif %}
        try:
            yield {"database": Database(engine)}
        finally:
            engine.dispose()
{%- if cookiecutter.observability == "opentelemetry" %}
            if traced:
                # The instrumentor is the process's and instruments once: taken off with its
                # engine, it instruments the next lifespan's (the tests start one per client).
                SQLAlchemyInstrumentor().uninstrument()
{%- endif %}

    return open_database


def require_migrated(check: MigrationCheck, connection: Connection) -> None:
    """A 503 naming `alembic upgrade head` while the database lacks a migration. Asked until
    the answer is yes, then kept for the life of the app: a free check from then on."""
    pending = check.pending(connection)
    if pending:
        logger.warning("%s Missing: %s.", check.detail, ", ".join(pending))
        raise HTTPException(503, check.detail)


async def get_database(request: Request) -> Database:
    database: Database = request.state.database
    return database


# `async def`: FastAPI calls it on the event loop, without a thread.
DatabaseDep = Annotated[Database, Depends(get_database)]
