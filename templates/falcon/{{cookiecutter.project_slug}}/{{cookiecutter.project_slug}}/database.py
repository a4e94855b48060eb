"""The SQLAlchemy engine of a worker process, and the middleware component that gives each
request that needs one its Session."""

import logging
from pathlib import Path
from typing import Any

import falcon
from sqlalchemy import Connection, event
from sqlalchemy import create_engine as sqlalchemy_engine
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from .contract import apply_sqlite_pragmas
from .migration_check import MigrationCheck
from .outside_transactions import outside_transactions

MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"
MIGRATE_COMMAND = "uv run alembic upgrade head"
# The methods whose Session runs outside a transaction (see SessionManager).
READ_METHODS = frozenset({"GET", "HEAD"})

# What a database that cannot be reached raises: the service is unavailable (503).
DATABASE_DOWN = (OperationalError, InterfaceError)

# Connections of a worker's pool: one for each of the server's blocking threads (the
# Procfile's `--blocking-threads 4`), each of which serves one request at a time. No overflow:
# a connection opened past the pool would be closed again, and PostgreSQL's connection start
# paid for every one.
POOL_SIZE = 4

logger = logging.getLogger(__name__)


def create_database_engine(url: URL | str) -> Engine:
    """An engine for this process: the server creates the app in each worker."""
    pool = {"pool_size": POOL_SIZE, "max_overflow": 0}
    if make_url(url).get_backend_name() == "sqlite":
        # A file has no server to lose: no pre-ping, which would cost a query per request.
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
    """Let several server workers share one SQLite file: WAL, and wait for the write lock."""
    apply_sqlite_pragmas(dbapi_connection)


class Database:
    """The engine, its sessions and the migration check of one process."""

    def __init__(self, url: URL | str) -> None:
        self.engine = create_database_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        # The same engine and pool, for /health's SELECT 1 and the reads (see SessionManager).
        self.outside_transactions = outside_transactions(self.engine)
        self.read_sessions = sessionmaker(self.outside_transactions, expire_on_commit=False)
        self.migrations = MigrationCheck(MIGRATIONS, MIGRATE_COMMAND)

    def require_migrated(self, connection: Connection) -> None:
        """A 503 naming the migrate command while the database lacks a migration. Asked until
        the database has every migration, then kept for the life of the process."""
        if self.migrations.current:
            return
        if pending := self.migrations.pending(connection):
            logger.warning("%s Missing: %s.", self.migrations.detail, ", ".join(pending))
            raise falcon.HTTPServiceUnavailable(description=self.migrations.detail)


class SessionManager:
    """Middleware component: a Session per request in `req.context.session`, for the resources
    that say `uses_session = True`, closed once the response is ready (which rolls back what
    was not committed). A Session connects on its first query, so a request answered before
    one (a 405, a 415) costs no connection. A GET or HEAD, which writes nothing, gets one
    outside a transaction (see outside_transactions): each of its statements sees what it would
    inside one, PostgreSQL's READ COMMITTED taking a snapshot per statement either way.

    The pattern of falcon-sqla, the middleware of Falcon's maintainers, in a few lines: the
    Session lives on the request's context, not on the resource, since one resource object
    serves every thread of the worker.
    """

    def __init__(self, database: Database) -> None:
        self.database = database

    def process_resource(
        self, req: falcon.Request, resp: falcon.Response, resource: object, params: dict[str, Any]
    ) -> None:
        if getattr(resource, "uses_session", False):
            reads = req.method in READ_METHODS
            sessions = self.database.read_sessions if reads else self.database.sessions
            req.context.session = sessions()

    def process_response(
        self, req: falcon.Request, resp: falcon.Response, resource: object, req_succeeded: bool
    ) -> None:
        # Falcon runs this for every request, whatever the responder raised.
        session: Session | None = req.context.get("session")
        if session is not None:
            session.close()


def request_session(req: falcon.Request) -> Session:
    """The Session SessionManager opened for this request."""
    session: Session = req.context.session
    return session
