{%- set postgresql = cookiecutter.database == "postgresql" -%}
"""The database DATABASE_URL names, and the Bottle plugin that hands it to the routes.

{% if postgresql -%}
SQLite goes through the standard library's sqlite3, PostgreSQL through psycopg 3 and its
connection pool. Routes and migrations see one small interface: `Database.transaction()`
(or `Database.autocommit()`, for a read) gives a `Connection` whose `execute()` takes SQL with
`?` placeholders (sqlite3's style) and returns the rows. On PostgreSQL the placeholders become
psycopg's `%s`, so SQL is written once for both: pass values as parameters, never as literals
holding `?` or `%`.
{%- else -%}
SQLite goes through the standard library's sqlite3. Routes and migrations see one small
interface: `Database.transaction()` (or `Database.autocommit()`, for a read) gives a
`Connection` whose `execute()` takes SQL with `?` placeholders and returns the rows.
{%- endif %}
"""

import functools
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote

{% if postgresql -%}
import psycopg
from bottle import HTTPError
from psycopg.pq import TransactionStatus
from psycopg_pool import ConnectionPool
{%- else -%}
from bottle import HTTPError
{%- endif %}

from .config import PROJECT_DIR
from .contract import apply_sqlite_pragmas

Row = tuple[Any, ...]

logger = logging.getLogger(__name__)

# Seconds to wait for the SQLite write lock that another worker holds
{%- if postgresql %}, or for a PostgreSQL
# connection{% endif %}, before answering 503.
TIMEOUT = 5


class DatabaseUnavailableError(Exception):
    """The database did not answer, so the service cannot serve the request (503)."""


class Connection(Protocol):
    def execute(self, sql: str, parameters: Sequence[object] = ()) -> list[Row]:
        """Run one statement and return its rows (none for most writes)."""
        ...

    def executescript(self, script: str) -> None:
        """Run a script of several statements, such as a migration file."""
        ...


class Database(Protocol):
    # The folder of migrations/ written in this database's SQL.
    dialect: str

    def exists(self) -> bool:
        """Whether the database exists: the migrate command creates a SQLite file."""
        ...

    def transaction(self) -> AbstractContextManager[Connection]:
        """A connection in a transaction: committed on exit, rolled back on an exception."""
        ...

    def autocommit(self) -> AbstractContextManager[Connection]:
        """A connection outside a transaction, each statement committed on its own: for a read
        of one statement, which sees the same data either way."""
        ...

    def close(self) -> None: ...


class SQLiteConnection:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def execute(self, sql: str, parameters: Sequence[object] = ()) -> list[Row]:
{%- if cookiecutter.observability == "opentelemetry" %}
        # Through a cursor, the DB-API's way: the sqlite3 instrumentation (tracing.py) traces
        # the cursors of a connection, and the connection's execute() makes its own.
{%- endif %}
        return self._connection.cursor().execute(sql, parameters).fetchall()

    def executescript(self, script: str) -> None:
        # sqlite3's executescript() commits first. Splitting the script into statements, as
        # the sqlite3 shell does, keeps the whole file inside the caller's transaction.
        statement = ""
        for line in script.splitlines(keepends=True):
            statement += line
            if sqlite3.complete_statement(statement):
                self._connection.execute(statement)
                statement = ""
        if statement.strip():
            self._connection.execute(statement)


class SQLite:
    dialect = "sqlite"

    def __init__(self, path: Path, *, create: bool = False) -> None:
        # mode=rw: the server never creates an empty database file; the migrate command does.
        self.path = path
        self.uri = f"file:{quote(str(path))}?mode={'rwc' if create else 'rw'}"
        # A sqlite3 connection belongs to the thread that opened it: each thread keeps one.
        self._local = threading.local()

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            # isolation_level=None: transactions are begun and ended below, explicitly.
            connection = sqlite3.connect(self.uri, uri=True, timeout=TIMEOUT, isolation_level=None)
            # Write-ahead logging and a busy timeout, so several server workers share the file.
            apply_sqlite_pragmas(connection)
            self._local.connection = connection
        return connection

    def exists(self) -> bool:
        return self.path.exists()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self._unavailable_when_locked_or_broken():
            connection = self._connection()
            connection.execute("BEGIN")
            try:
                yield SQLiteConnection(connection)
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    @contextmanager
    def autocommit(self) -> Iterator[Connection]:
        # isolation_level=None: without a BEGIN, sqlite3 leaves each statement on its own.
        with self._unavailable_when_locked_or_broken():
            yield SQLiteConnection(self._connection())

    @contextmanager
    def _unavailable_when_locked_or_broken(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.OperationalError as error:
            # sqlite3 files mistakes in the SQL (no such table, a syntax error) under
            # OperationalError too: those are bugs, not a database that does not answer.
            if error.sqlite_errorname == "SQLITE_ERROR":
                raise
            # The connection may be broken: the next transaction opens a new one.
            self.close()
            raise DatabaseUnavailableError(str(error)) from error

    def close(self) -> None:
        """Close this thread's connection."""
        connection = getattr(self._local, "connection", None)
        self._local.connection = None
        if connection is not None:
            connection.close()
{%- if postgresql %}


class PostgreSQLConnection:
    def __init__(self, connection: psycopg.Connection[Row]) -> None:
        self._connection = connection

    def execute(self, sql: str, parameters: Sequence[object] = ()) -> list[Row]:
        cursor = self._connection.execute(sql.replace("?", "%s"), parameters)
        return cursor.fetchall() if cursor.description else []

    def executescript(self, script: str) -> None:
        # Without parameters psycopg sends the text as it is, and PostgreSQL runs every
        # statement in it.
        self._connection.execute(script)


class PostgreSQL:
    dialect = "postgresql"

    def __init__(self, conninfo: str, *, timeout: float = TIMEOUT) -> None:
        self.pool = ConnectionPool(
            conninfo,
            min_size=1,
            # More than the server's threads per worker: a request never waits for another's.
            max_size=8,
            timeout=timeout,
            kwargs={"connect_timeout": TIMEOUT},
            # The pool retries a lost server with a doubling delay; giving up after a few
            # seconds lets the next request start again at once, so the service recovers
            # within seconds of the database's return instead of after the backoff (up to
            # minutes by default).
            reconnect_timeout=timeout,
            # Checked before each use, so the pool drops connections the server has closed (a
            # restart, a failover) and the service recovers on its own.
            check=ConnectionPool.check_connection,
            # Opened on first use, in the worker process: servers fork after importing the app.
            open=False,
        )

    def exists(self) -> bool:
        return True  # A server's database is created with the server, not by migrations.

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        try:
            self.pool.open()
            # Commits on exit, rolls back on an exception, then returns the connection.
            with self.pool.connection() as connection:
                yield PostgreSQLConnection(connection)
        except (psycopg.OperationalError, psycopg.InterfaceError) as error:
            raise DatabaseUnavailableError(str(error)) from error

    @contextmanager
    def autocommit(self) -> Iterator[Connection]:
        # One round trip for a statement, where a transaction adds a BEGIN and a COMMIT.
        try:
            self.pool.open()
            with self.pool.connection() as connection:
                connection.autocommit = True
                try:
                    yield PostgreSQLConnection(connection)
                finally:
                    # Back to transactions before the pool lends it again. Not the pool's
                    # `reset` callback: with one, the pool takes every connection back on a
                    # worker thread, a thread handoff on each request.
                    if connection.info.transaction_status == TransactionStatus.IDLE:
                        connection.autocommit = False
        except (psycopg.OperationalError, psycopg.InterfaceError) as error:
            raise DatabaseUnavailableError(str(error)) from error

    def close(self) -> None:
        self.pool.close()
{%- endif %}


def sqlite_path(url: str) -> Path:
    """sqlite:///relative.db lives in the project folder; sqlite:////absolute/path.db anywhere."""
    return PROJECT_DIR / url.removeprefix("sqlite:///")


def open_database(url: str, *, create: bool = False) -> Database:
    """The database `url` names; `create` lets SQLite create a missing file (migrations)."""
    scheme = url.partition("://")[0]
    if scheme == "sqlite":
        return SQLite(sqlite_path(url), create=create)
{%- if postgresql %}
    if scheme in ("postgresql", "postgres", "postgresql+psycopg"):
        # libpq reads postgresql:// and postgres://; SQLAlchemy's form is accepted as well.
        return PostgreSQL("postgresql://" + url.partition("://")[2])
    raise ValueError(f"DATABASE_URL must be a sqlite:/// or postgresql:// URL, not {scheme}://")
{%- else %}
    raise ValueError(f"DATABASE_URL must be a sqlite:/// URL, not {scheme}://")
{%- endif %}


@contextmanager
def unavailable_as_503() -> Iterator[None]:
    """A database that does not answer, inside the block, becomes a 503 (and a log line)."""
    try:
        yield
    except DatabaseUnavailableError as error:
        logger.warning("The database is not answering: %s", error)
        raise HTTPError(503, "The database is not answering.") from error


class DatabasePlugin:
    """Hands each route that takes a `db` argument a connection in a transaction.

    The transaction commits when the route returns and rolls back when it raises; a database
    that does not answer becomes a 503. A GET route, whose read is one statement, gets a
    connection in autocommit instead. The pattern of the bottle-sqlite plugin
    {%- if postgresql %}, for both
    databases.{% else %}.{% endif %}
    """

    name = "database"
    api = 2

    def __init__(self, database: Database, keyword: str = "db") -> None:
        self.database = database
        self.keyword = keyword

    def apply(self, callback: Callable[..., Any], route: Any) -> Callable[..., Any]:
        if self.keyword not in route.get_callback_args():
            return callback
        # Bottle answers a HEAD with the GET route.
        connect = self.database.autocommit if route.method == "GET" else self.database.transaction

        @functools.wraps(callback)
        def with_database(*args: Any, **kwargs: Any) -> Any:
            with unavailable_as_503(), connect() as connection:
                return callback(*args, **kwargs, **{self.keyword: connection})

        return with_database

    def close(self) -> None:
        """Called by Bottle's app.close()."""
        self.database.close()
