"""The database: engine, sessions bound to the request's transaction, and the models.

pyramid_tm opens a transaction for every request and commits it when the view returns (or
aborts it on an error); zope.sqlalchemy joins `request.dbsession` to that transaction, so views
never commit themselves. While the database lacks a migration, `request.dbsession` is a 503
that names the command applying them.
"""

import logging
import sqlite3
from pathlib import Path
from typing import Any

from pyramid.config import Configurator
from pyramid.httpexceptions import HTTPServiceUnavailable
from pyramid.request import Request
from sqlalchemy import engine_from_config, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, configure_mappers, sessionmaker
from transaction import TransactionManager
from zope.sqlalchemy import register

from ..contract import apply_sqlite_pragmas
from ..migration_check import MigrationCheck
from .item import Item
from .meta import Base

__all__ = [
    "Base",
    "Item",
    "get_engine",
    "get_session_factory",
    "get_tm_session",
]

# Every model is imported above: resolve their relationships now, not at the first query.
configure_mappers()

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parents[1] / "alembic"


def get_engine(settings: dict[str, Any], prefix: str = "sqlalchemy.") -> Engine:
    # Check pooled connections first, so the app recovers when the database comes back.
    return engine_from_config(settings, prefix, pool_pre_ping=True)


def get_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine)


def get_tm_session(
    session_factory: sessionmaker[Session],
    transaction_manager: TransactionManager,
    request: Request | None = None,
) -> Session:
    """A session whose commit and rollback follow `transaction_manager`."""
    dbsession = session_factory(info={"request": request})
    register(dbsession, transaction_manager=transaction_manager)
    return dbsession


def require_migrated(check: MigrationCheck, dbsession: Session) -> None:
    """A 503 naming `alembic upgrade head` while the database lacks a migration. Asked until
    the answer is yes, then kept for the life of the app."""
    if check.current:
        return
    pending = check.pending(dbsession.connection())
    if pending:
        logger.warning("%s Missing: %s.", check.detail, ", ".join(pending))
        raise HTTPServiceUnavailable(check.detail)


@event.listens_for(Engine, "connect")
def configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """Let several server workers share one SQLite file: WAL, and wait for the write lock."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        apply_sqlite_pragmas(dbapi_connection)


def includeme(config: Configurator) -> None:
    """Add `request.dbsession`, joined to the transaction pyramid_tm runs for each request."""
    settings = config.get_settings()
    # An explicit transaction manager per request: no thread-local state between requests.
    settings["tm.manager_hook"] = "pyramid_tm.explicit_manager"
    config.include("pyramid_tm")

    session_factory = get_session_factory(get_engine(settings))
    config.registry["dbsession_factory"] = session_factory
    migration_check = MigrationCheck(MIGRATIONS, settings["migrate_command"])

    def dbsession(request: Request) -> Session:
        # Tests hand in their own session, inside a transaction they roll back.
        session: Session | None = request.environ.get("app.dbsession")
        if session is None:
            session = get_tm_session(session_factory, request.tm, request=request)
        require_migrated(migration_check, session)
        return session

    config.add_request_method(dbsession, reify=True)
