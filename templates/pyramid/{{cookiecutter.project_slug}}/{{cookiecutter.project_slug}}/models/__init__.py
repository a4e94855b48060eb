"""The database: engine, sessions bound to the request's transaction, and the models.

pyramid_tm opens a transaction for every request and commits it when the view returns (or
aborts it on an error); zope.sqlalchemy joins `request.dbsession` to that transaction, so views
never commit themselves. While the database lacks a migration, `request.dbsession` is a 503
that names the command applying them. `/health` asks the engine itself (`request.dbengine`),
outside any transaction: a load balancer polls it, and it writes nothing.
"""

import logging
import sqlite3
from pathlib import Path
from typing import Any

{% if cookiecutter.observability == "opentelemetry" -%}
from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
{% endif -%}
from pyramid.config import Configurator
from pyramid.httpexceptions import HTTPServiceUnavailable
from pyramid.request import Request
from sqlalchemy import Connection, engine_from_config, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, configure_mappers, sessionmaker
from transaction import TransactionManager
from zope.sqlalchemy import register

from ..contract import apply_sqlite_pragmas
from ..migration_check import MigrationCheck
from ..outside_transactions import outside_transactions
from ..routes import HEALTH_PATH
{%- if cookiecutter.observability == "opentelemetry" %}
from ..telemetry import start_telemetry
{%- endif %}
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
    # Check a server's pooled connections first, so the app recovers when it comes back. A
    # SQLite file is opened, not connected to: nothing to check.
    pings = not str(settings[f"{prefix}url"]).startswith("sqlite")
    return engine_from_config(settings, prefix, pool_pre_ping=pings)


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


def require_migrated(check: MigrationCheck, connection: Connection) -> None:
    """A 503 naming `alembic upgrade head` while the database lacks a migration. Asked until
    the answer is yes, then kept for the life of the app."""
    if check.current:
        return
    pending = check.pending(connection)
    if pending:
        logger.warning("%s Missing: %s.", check.detail, ", ".join(pending))
        raise HTTPServiceUnavailable(check.detail)


@event.listens_for(Engine, "connect")
def configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """Let several server workers share one SQLite file: WAL, and wait for the write lock."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        apply_sqlite_pragmas(dbapi_connection)


def needs_transaction(request: Request) -> bool:
    """pyramid_tm's activate hook: every request but the health check, which opens none.
    The hook runs before URL dispatch, so it matches the path, not the route."""
    return bool(request.path_info != HEALTH_PATH)


def includeme(config: Configurator) -> None:
    """Add `request.dbsession`, joined to the transaction pyramid_tm runs for each request, and
    `request.dbengine`, migration-checked and outside transactions (see outside_transactions),
    for the health check."""
    settings = config.get_settings()
    # An explicit transaction manager per request: no thread-local state between requests.
    settings["tm.manager_hook"] = "pyramid_tm.explicit_manager"
    settings["tm.activate_hook"] = needs_transaction
    config.include("pyramid_tm")

    engine = get_engine(settings)
{%- if cookiecutter.observability == "opentelemetry" %}
    if start_telemetry():
        # A span for each statement, beneath the request's (the package's main() traces those).
        # skip_dep_check: the instrumentation declares SQLAlchemy < 2.1, and works with 2.1
        # (tests/test_observability.py).
        SQLAlchemyInstrumentor().instrument(engine=engine, skip_dep_check=True)
{%- endif %}
    session_factory = get_session_factory(engine)
    config.registry["dbsession_factory"] = session_factory
    migration_check = MigrationCheck(MIGRATIONS, settings["migrate_command"])

    health_engine = outside_transactions(engine)

    def migrated() -> None:
        # On a connection of its own: the session's first statement is the view's, which a
        # read may run outside the transaction (see outside_transactions).
        if not migration_check.current:
            with health_engine.connect() as connection:
                require_migrated(migration_check, connection)

    def dbsession(request: Request) -> Session:
        migrated()
        # Tests hand in their own session, inside a transaction they roll back.
        session: Session | None = request.environ.get("app.dbsession")
        if session is None:
            session = get_tm_session(session_factory, request.tm, request=request)
        return session

    def dbengine(_request: Request) -> Engine:
        migrated()
        return health_engine

    config.add_request_method(dbsession, reify=True)
    config.add_request_method(dbengine, reify=True)
