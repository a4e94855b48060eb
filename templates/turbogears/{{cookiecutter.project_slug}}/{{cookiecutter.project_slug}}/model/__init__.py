"""The model: the declarative base, `DBSession` and every table.

TurboGears' SQLAlchemy component creates the engine from `sqlalchemy.*` settings and hands it
to `init_model`. `DBSession` is a scoped session: one per thread, removed after each request.
zope.sqlalchemy joins it to the transaction TurboGears' transaction manager opens for every
request, which commits when the controller returns (or aborts on an error), so controllers
never commit themselves.
"""

import sqlite3
from typing import Any

from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase as _DeclarativeBase
from sqlalchemy.orm import Session, scoped_session, sessionmaker
from zope.sqlalchemy import register

from ..contract import apply_sqlite_pragmas

# Constraint names the migrations can rely on.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class DeclarativeBase(_DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


metadata = DeclarativeBase.metadata

DBSession: scoped_session[Session] = scoped_session(sessionmaker())
register(DBSession)


def init_model(engine: Engine) -> scoped_session[Session]:
    """Bind the session to the engine TurboGears made from the settings."""
    DBSession.remove()  # A session made before is bound to no engine, or another.
    DBSession.configure(bind=engine)
    return DBSession


@event.listens_for(Engine, "connect")
def configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """Let several server workers share one SQLite file: WAL, and wait for the write lock."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        apply_sqlite_pragmas(dbapi_connection)


# The models, imported last: they need DeclarativeBase.
from .item import Item  # noqa: E402

__all__ = ["DBSession", "DeclarativeBase", "Item", "init_model", "metadata"]
