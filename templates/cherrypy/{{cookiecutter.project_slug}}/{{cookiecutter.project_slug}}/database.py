"""SQLAlchemy in CherryPy: an engine plugin on the bus, and a tool giving each request a session.

SAEnginePlugin owns the SQLAlchemy engine for as long as cherrypy.engine runs: it creates it
on `start`, disposes of it on `stop`, and answers the bus channel `bind-session` with a new
Session. The `tools.db` tool (SATool) asks for one when a request starts, keeps it in
`cherrypy.request.db`, and closes it when the request ends, rolling back whatever a handler did
not commit; a GET's session reads outside a transaction on PostgreSQL. Until the database has
every migration, the tool answers 503 instead, naming the command that applies them (the
plugin answers `migration-check` with its MigrationCheck).
The health check needs no session: `migrated_connection()` lends it a pooled connection of
the engine, outside a transaction on PostgreSQL (channel `engine`, see outside_transactions),
with the same 503.
"""

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import cherrypy
from cherrypy.process import plugins
{%- if cookiecutter.observability == "opentelemetry" %}
from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
{%- endif %}
from sqlalchemy import Connection, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session

from .contract import apply_sqlite_pragmas
from .migration_check import MigrationCheck
from .outside_transactions import outside_transactions, read_outside_a_transaction
{%- if cookiecutter.observability == "opentelemetry" %}
from .telemetry import start_telemetry
{%- endif %}

MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"
# CherryPy answers a HEAD with the GET handler.
READ_METHODS = frozenset({"GET", "HEAD"})


class Base(DeclarativeBase):
    pass


def configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """Let the server threads share one SQLite file: WAL, and wait for the write lock."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        apply_sqlite_pragmas(dbapi_connection)


def create_database_engine(url: str, *, pool_size: int = 5) -> Engine:
    # Check a server's pooled connections first, so the app recovers when it comes back. A
    # SQLite file is opened, not connected to: nothing to check.
    pings = not url.startswith("sqlite")
    engine = create_engine(url, pool_pre_ping=pings, pool_size=pool_size)
    event.listen(engine, "connect", configure_sqlite)
    return engine


class SAEnginePlugin(plugins.SimplePlugin):
    """The SQLAlchemy engine, started and stopped with cherrypy.engine.

    With the default priority (50) its `start` runs before the HTTP server's (75) and its
    `stop` after the server's (25), which finishes the requests in flight first.
    """

    def __init__(self, bus: Any, database_url: str, *, pool_size: int = 5) -> None:
        super().__init__(bus)
        self.database_url = database_url
        self.pool_size = pool_size
        self.engine: Engine | None = None
        # The same engine and pool, for the health check's SELECT 1 (see outside_transactions).
        self.outside_transactions: Engine | None = None
        self.migrations = MigrationCheck(MIGRATIONS, "uv run alembic upgrade head")

    def subscribe(self) -> None:
        super().subscribe()
        self.bus.subscribe("bind-session", self.bind_session)
        self.bus.subscribe("engine", self.current_engine)
        self.bus.subscribe("migration-check", self.migration_check)

    def unsubscribe(self) -> None:
        super().unsubscribe()
        self.bus.unsubscribe("bind-session", self.bind_session)
        self.bus.unsubscribe("engine", self.current_engine)
        self.bus.unsubscribe("migration-check", self.migration_check)

    def start(self) -> None:
        self.bus.log("Creating the SQLAlchemy engine")
        self.engine = create_database_engine(self.database_url, pool_size=self.pool_size)
        self.outside_transactions = outside_transactions(self.engine)
{%- if cookiecutter.observability == "opentelemetry" %}
        if start_telemetry():
            # A span for each statement, beneath the current span of the thread that runs it:
            # a request's. Once a process, as the engine starts once (a restart re-executes
            # the process). skip_dep_check: the instrumentation declares SQLAlchemy < 2.1, and
            # works with 2.1 (tests/test_observability.py).
            SQLAlchemyInstrumentor().instrument(engine=self.engine, skip_dep_check=True)
{%- endif %}

    def stop(self) -> None:
        if self.engine is not None:
            self.bus.log("Disposing of the SQLAlchemy engine")
            self.engine.dispose()
            self.engine = self.outside_transactions = None

    def bind_session(self) -> Session:
        return Session(self.engine)

    def current_engine(self) -> Engine | None:
        # The engine itself, outside transactions: connecting here, inside the bus, would turn
        # a database error into the bus's ChannelFailures.
        return self.outside_transactions

    def migration_check(self) -> MigrationCheck:
        return self.migrations


class SATool(cherrypy.Tool):
    """tools.db: a Session per request in cherrypy.request.db."""

    def __init__(self) -> None:
        super().__init__("on_start_resource", self.bind_session, priority=20)

    def _setup(self) -> None:
        super()._setup()
        cherrypy.request.hooks.attach("on_end_resource", self.close_session, priority=80)

    def bind_session(self) -> None:
        session = cherrypy.request.db = cherrypy.engine.publish("bind-session").pop()
        if cherrypy.request.method in READ_METHODS:
            # A read is one statement: on PostgreSQL, two round trips fewer without BEGIN and
            # ROLLBACK (see outside_transactions).
            read_outside_a_transaction(session)
        require_migrated(session.connection())

    def close_session(self) -> None:
        session = getattr(cherrypy.request, "db", None)
        if session is not None:
            session.close()
            cherrypy.request.db = None


def require_migrated(connection: Connection) -> None:
    """A 503 naming the migrate command while the database lacks a migration. Asked until the
    database has every migration, then kept until the engine restarts."""
    check: MigrationCheck = cherrypy.engine.publish("migration-check").pop()
    if not check.current and (pending := check.pending(connection)):
        missing = ", ".join(pending)
        cherrypy.log(f"{check.detail} Missing: {missing}.", severity=logging.WARNING)
        raise cherrypy.HTTPError(503, check.detail)


@contextmanager
def migrated_connection() -> Iterator[Connection]:
    """A pooled connection, returned to the pool after the block; a 503 while the database
    lacks a migration."""
    engine: Engine = cherrypy.engine.publish("engine").pop()
    with engine.connect() as connection:
        require_migrated(connection)
        yield connection


def request_session() -> Session:
    """The current request's session (tools.db is on under /api and for /health)."""
    session: Session = cherrypy.request.db
    return session
