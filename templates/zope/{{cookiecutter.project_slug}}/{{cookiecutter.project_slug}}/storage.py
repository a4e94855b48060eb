{%- set postgresql = cookiecutter.database == "postgresql" -%}
"""The object database's storage: RelStorage on the database DATABASE_URL names.

ZODB's FileStorage keeps one process per file (it locks Data.fs), and the production server runs
several: RelStorage keeps the same objects in SQL tables, in SQLite files{% if postgresql %} or PostgreSQL{% endif %}, which
every worker process shares. etc/zope.conf names this storage with the `<database-url>` section
that component.xml declares; the release step opens it the same way.
"""

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import ZODB
from relstorage.options import Options
from relstorage.storage import RelStorage
from relstorage.storage.tpc.temporary_storage import _AbstractTPCTemporaryStorage
from ZODB.config import BaseConfig
from ZODB.POSException import ReadConflictError
from ZODB.utils import p64

from .contract import {% if postgresql %}MIGRATION_LOCK_KEY, {% endif %}SQLITE_PRAGMAS

# The project folder: a relative SQLite path is resolved against it, so that the server and the
# release step find the same files wherever they are started.
PROJECT_DIR = Path(__file__).resolve().parents[1]
{%- if postgresql %}
DEFAULT_DATABASE_URL = "postgresql://localhost:5432/{{ cookiecutter.project_slug }}"
{%- else %}
DEFAULT_DATABASE_URL = "sqlite:///{{ cookiecutter.project_slug }}.db"
{%- endif %}


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL


def sqlite_folder(url: str) -> Path:
    """The folder of RelStorage's SQLite files for sqlite:///relative or sqlite:////absolute:
    RelStorage keeps its data in a few files there, so the path names a folder."""
    return PROJECT_DIR / url.removeprefix("sqlite:///")


@contextmanager
def database_lock(url: str) -> Iterator[None]:
    """The database's lock for what must not run twice at once: Zope's start in each worker
    process (it makes its root folder in a new database: two workers would conflict) and the
    release step (release steps started together take turns; the second finds the work done).
    {%- if postgresql %}
    On PostgreSQL, the advisory lock MIGRATION_LOCK_KEY; on SQLite, a lock file in the folder.
    {%- else %}
    A lock file in the SQLite folder.
    {%- endif %}"""
{%- if postgresql %}
    if url.partition("://")[0] in ("postgresql", "postgres"):
        import psycopg2

        connection = psycopg2.connect(url)
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK_KEY,))
            yield
        finally:
            connection.close()  # Which releases the lock.
        return
{%- endif %}
    folder = sqlite_folder(url)
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "start.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # Released when the file closes.
        yield


def open_storage(url: str, *, create_schema: bool = True) -> Any:
    """A history-free RelStorage on `url`: the service keeps no undo history, so nothing needs
    packing to keep the database from growing."""
    options = Options(keep_history=False, create_schema=create_schema)
    scheme = url.partition("://")[0]
    if scheme == "sqlite":
        from relstorage.adapters.sqlite.adapter import Sqlite3Adapter

        folder = sqlite_folder(url)
        folder.mkdir(parents=True, exist_ok=True)
        # RelStorage sets busy_timeout itself, from its commit lock timeout.
        pragmas = {name: value for name, value in SQLITE_PRAGMAS.items() if name != "busy_timeout"}
        adapter = Sqlite3Adapter(str(folder), pragmas=pragmas, options=options)
{%- if postgresql %}
    elif scheme in ("postgresql", "postgres"):
        from psycopg2.extensions import make_dsn, parse_dsn
        from relstorage.adapters.postgresql import PostgreSQLAdapter

        # RelStorage adds its own `key=value` settings to the connection string: libpq's
        # keywords, not the URL.
        adapter = PostgreSQLAdapter(dsn=make_dsn(**parse_dsn(url)), options=options)
    else:
        raise ValueError(f"DATABASE_URL must be a sqlite:/// or postgresql:// URL, not {url!r}")
{%- else %}
    else:
        raise ValueError(f"DATABASE_URL must be a sqlite:/// URL, not {url!r}")
{%- endif %}
    return RelStorage(adapter, options=options)


def has_zope_root(url: str) -> bool:
    """Whether the database has Zope's root folder (the release step makes it): read, and if
    anything is missing or fails, no."""
    try:
        db = ZODB.DB(open_storage(url, create_schema=False))
    except Exception:  # No tables, no database, a root in the making: no.
        return False
    try:
        with db.transaction() as connection:
            return "Application" in connection.root()
    finally:
        db.close()


class DatabaseURLStorage(BaseConfig):  # type: ignore[misc]
    """The `<database-url>` section of etc/zope.conf (component.xml). A new database gets
    RelStorage's tables; one that has Zope's root folder is opened as it is, without any
    schema statement (a release step may be changing it)."""

    def open(self) -> Any:
        url = database_url()
        return open_storage(url, create_schema=not has_zope_root(url))


def _read_temp(storage: Any, oid_int: int) -> bytes:
    """RelStorage 4.3's read_temp, for a conflict on an object the transaction only read:
    RelStorage's SQLite adapter reports such a read-current conflict as a conflict on a stored
    object, whose new state the vote then looks for in vain (KeyError, a 500 under concurrent
    writes). It is a read conflict, which Zope retries."""
    try:
        state: bytes = _READ_TEMP(storage, oid_int)
    except KeyError:
        raise ReadConflictError(oid=p64(oid_int)) from None
    return state


_READ_TEMP = _AbstractTPCTemporaryStorage.read_temp
_AbstractTPCTemporaryStorage.read_temp = _read_temp
