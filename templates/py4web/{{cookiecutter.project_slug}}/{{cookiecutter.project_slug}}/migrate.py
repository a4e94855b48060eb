"""Create and alter the tables to match the models, as pydal migrates: run as
`python -m {{ cookiecutter.project_slug }}.migrate` (the Procfile's release step).

pydal compares each table of `_default/models.py` with its record of the table as it last left
it (kept in the database's web2py_filesystem table) and runs the CREATE TABLE or ALTER TABLE
that brings the database in line, then records the table anew. Until it has run, the server
answers 503 naming this command (`MigrationCheck` in `_default/fixtures.py`).

On PostgreSQL the migration runs under an advisory lock (`migration_lock`), so that release
steps started together take turns.
"""

import importlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from py4web.core import MetaPathRouter
from pydal import DAL
from pydal.helpers.classes import DatabaseStoredFile
from pydal.migrator import InDBMigrator

from . import logs
from .contract import MIGRATION_LOCK_KEY
from .service import APP_NAME, APPS_FOLDER


def app_module(name: str) -> Any:
    """A module of the app under the name py4web gives it (apps._default.<name>): the one
    py4web has imported if it has, else imported here as py4web would."""
    if str(APPS_FOLDER.parent) not in sys.path:
        sys.path.insert(0, str(APPS_FOLDER.parent))
    # Makes `import apps` import this package, as py4web.core.wsgi() does.
    MetaPathRouter(APPS_FOLDER.name)
    return importlib.import_module(f"apps.{APP_NAME}.{name}")


@contextmanager
def migration_lock(db: DAL) -> Iterator[None]:
    """Hold the release steps' advisory lock on the DAL's own connection for the duration of
    the block (PostgreSQL only).

    Two release steps can start together (a deploy's migration Job retried beside a running
    one, two deploys at once). pydal takes no lock of its own: both would find no record of a
    table in web2py_filesystem, both would create it, and one would fail on the table that
    already exists. With the lock, the second waits for the first, then finds every table
    recorded as the models define it and changes nothing. SQLite needs none: its service runs
    the release step in its one pod.
    """
    if db._adapter.dbengine != "postgres":
        yield
        return
    db.executesql("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK_KEY,))
    # pydal runs `CREATE TABLE IF NOT EXISTS web2py_filesystem` once per process unless it
    # knows the table: told that it exists, a release step that finds the work done runs no
    # schema change at all (none for DDL event triggers or DDL auditing to see).
    if db.executesql("SELECT to_regclass('web2py_filesystem')")[0][0]:
        DatabaseStoredFile.web2py_filesystems.add(db._uri)
    # The lock belongs to the session: it outlives this transaction and the commits pydal
    # makes as it records each table.
    db.commit()
    try:
        yield
    finally:
        # After a failure too: its transaction is rolled back, the session's lock released.
        db.rollback()
        db.executesql("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK_KEY,))
        db.commit()


def migrate(uri: str) -> list[str]:
    """Bring the database at `uri` in line with the models; return the tables it has."""
    models = app_module("models")
    db = DAL(
        uri,
        migrate=True,
        adapter_args={"migrator": InDBMigrator},
        after_connection=app_module("common").after_connection,
        attempts=1,
        table_hash=app_module("settings").TABLE_HASH,
    )
    try:
        with migration_lock(db):
            models.define_tables(db)
            db.commit()
        return list(db.tables)
    finally:
        db.close()


def main() -> None:
    logs.configure()
    settings = app_module("settings")
    try:
        tables = migrate(settings.DB_URI)
    except RuntimeError as error:  # pydal's "Failure to connect".
        raise SystemExit(f"The database is not answering: {error}") from error
    print(f"The database is up to date: {', '.join(tables)}.")


if __name__ == "__main__":
    main()
