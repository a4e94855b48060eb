"""The engine, opened and closed by the app's lifespan, and one session per request.

The path operations that use the database are plain `def` functions, as in FastAPI's SQL
tutorial: FastAPI runs each in its threadpool, so a request crosses to a thread a few times
(to open the session, run the path operation, check its answer against the response model and
close the session) whatever it asks the database, instead of waking the event loop for every
call to the driver.
"""

import logging
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, TypedDict

import sqlalchemy
from anyio import Semaphore
from fastapi import Depends, FastAPI, HTTPException, Request
{%- if cookiecutter.observability == "opentelemetry" %}
from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
{%- endif %}
from sqlalchemy import Connection, Engine, event, make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from .contract import apply_sqlite_pragmas
from .migration_check import MigrationCheck
{%- if cookiecutter.observability == "opentelemetry" %}
from .telemetry import start_telemetry
{%- endif %}

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"

# The pool's connections in each server worker, and the requests it lets use the database at
# once (see take_connection): past a few, threads only take turns at the GIL, and SQLite's
# writers at the file's lock. FastAPI's threadpool keeps AnyIO's 40 threads, more than these
# requests need.
CONNECTIONS = 8
# Seconds to wait for PostgreSQL to accept a connection before the request is a 503.
CONNECT_TIMEOUT = 5


class Base(DeclarativeBase):
    pass


class State(TypedDict):
    """What the lifespan hands to every request (`request.state`)."""

    engine: Engine
    # The same engine and pool, for /health's SELECT 1 (see health_engine).
    health_engine: Engine
    sessions: sessionmaker[Session]
    # A turn per pooled connection (see take_connection).
    connection_turns: Semaphore
    # Whether the database has every migration in migrations/ (see require_migrated).
    migrations: MigrationCheck


def configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """Let several server workers share one SQLite file: WAL, and wait for the write lock."""
    apply_sqlite_pragmas(dbapi_connection)


def create_engine(database_url: str) -> Engine:
    # No overflow: take_connection lets no more requests in than the pool has connections.
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


def health_engine(engine: Engine) -> Engine:
    """On PostgreSQL, connections outside a transaction: a SELECT 1 is then one round trip
    after the pool's ping, without a BEGIN and a ROLLBACK. SQLite has no round trips to save,
    and its isolation level is set and reset by a PRAGMA each time: the engine as it is."""
    if engine.dialect.name == "postgresql":
        return engine.execution_options(isolation_level="AUTOCOMMIT")
    return engine


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
            yield {
                "engine": engine,
                "health_engine": health_engine(engine),
                "sessions": sessionmaker(engine, expire_on_commit=False),
                "connection_turns": Semaphore(CONNECTIONS),
                "migrations": MigrationCheck(MIGRATIONS, "uv run alembic upgrade head"),
            }
        finally:
            engine.dispose()
{%- if cookiecutter.observability == "opentelemetry" %}
            if traced:
                # The instrumentor is the process's and instruments once: taken off with its
                # engine, it instruments the next lifespan's (the tests start one per client).
                SQLAlchemyInstrumentor().uninstrument()
{%- endif %}

    return open_database


async def take_connection(request: Request) -> AsyncIterator[None]:
    """Wait on the event loop, where waiting costs nothing, until one of the pool's connections
    is free for this request; it is given back when the request is done.

    A session holds its connection from its first query to its close, and FastAPI closes it
    only after it has checked the path operation's answer, in a thread again. Were more
    requests in the threadpool than the pool has connections, every thread could be waiting
    for a connection held by a session that waits for a thread.
    """
    async with request.state.connection_turns:
        yield


ConnectionTurn = Depends(take_connection)


def get_session(request: Request, _turn: Annotated[None, ConnectionTurn]) -> Iterator[Session]:
    """A session for one request, closed (and rolled back unless committed) after it."""
    state = request.state
    if not state.migrations.current:
        with state.engine.connect() as connection:
            require_migrated(state.migrations, connection)
    sessions: sessionmaker[Session] = state.sessions
    with sessions() as session:
        yield session


def require_migrated(check: MigrationCheck, connection: Connection) -> None:
    """A 503 naming `alembic upgrade head` while the database lacks a migration. Asked until
    the answer is yes, then kept for the life of the app: a free check from then on."""
    pending = check.pending(connection)
    if pending:
        logger.warning("%s Missing: %s.", check.detail, ", ".join(pending))
        raise HTTPException(503, check.detail)


SessionDep = Annotated[Session, Depends(get_session)]
