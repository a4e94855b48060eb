"""Extension objects, created unbound and attached to the app in create_app()."""

import sqlite3
from typing import Any

from flask import current_app
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase
from werkzeug.exceptions import ServiceUnavailable

from .contract import apply_sqlite_pragmas
from .migration_check import MigrationCheck


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
migrate = Migrate()


@event.listens_for(Engine, "connect")
def configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """Let several server workers share one SQLite file: WAL, and wait for the write lock."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        apply_sqlite_pragmas(dbapi_connection)


def require_migrated() -> None:
    """Before the views that use the database: a 503 naming `flask db upgrade` while the
    database lacks a migration. Asked until the answer is yes, then kept (see create_app)."""
    check: MigrationCheck = current_app.extensions["migration_check"]
    if check.current:
        return
    with db.engine.connect() as connection:
        pending = check.pending(connection)
    if pending:
        current_app.logger.warning("%s Missing: %s.", check.detail, ", ".join(pending))
        raise ServiceUnavailable(check.detail)
