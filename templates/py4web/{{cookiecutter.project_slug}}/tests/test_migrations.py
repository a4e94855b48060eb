"""pydal's migrations: the migrate command creates the tables, and until it has run the app
answers 503 naming it."""

import sqlite3
from pathlib import Path
from types import SimpleNamespace

import pytest
from py4web import HTTP
from pydal import DAL
from pydal.helpers.classes import DatabaseStoredFile
from pydal.migrator import InDBMigrator

from {{ cookiecutter.project_slug }}.contract import MIGRATION_LOCK_KEY
from {{ cookiecutter.project_slug }}.migrate import app_module, main, migrate, migration_lock


def test_migrate_creates_the_tables_and_records_them(tmp_path: Path) -> None:
    database = tmp_path / "new.db"
    assert migrate(f"sqlite://{database}") == ["item"]
    with sqlite3.connect(database) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    # pydal's record of the table, which the next migration compares the model with.
    assert {"items", "web2py_filesystem"} <= tables


def test_migrate_again_changes_nothing(tmp_path: Path) -> None:
    uri = f"sqlite://{tmp_path / 'twice.db'}"
    assert migrate(uri) == migrate(uri)


def test_the_command_reports_what_it_did(
    app: object, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = app_module("settings")
    monkeypatch.setattr(settings, "DB_URI", settings.DB_URI)
    main()
    assert "The database is up to date: item." in capsys.readouterr().out


def test_a_database_without_the_tables_is_a_503_naming_the_command(
    app: object, tmp_path: Path
) -> None:
    uri = f"sqlite://{tmp_path / 'empty.db'}"
    db = DAL(uri, migrate=False, adapter_args={"migrator": InDBMigrator})
    app_module("models").define_tables(db)
    check = app_module("fixtures").MigrationCheck(db)
    with pytest.raises(HTTP) as refused:
        check.on_request({})
    assert refused.value.status == 503
    assert "python -m {{ cookiecutter.project_slug }}.migrate" in refused.value.body["detail"]
    migrate(uri)
    check.on_request({})
    assert check.current
    db.close()


Row = tuple[object, ...]


class PostgresDAL:
    """What migration_lock sees of a DAL on PostgreSQL: the SQL it runs and its transactions."""

    def __init__(self, filesystem: str | None) -> None:
        self._adapter = SimpleNamespace(dbengine="postgres")
        self._uri = f"postgres://release@localhost/{filesystem}"
        self.filesystem = filesystem
        self.calls: list[object] = []

    def executesql(self, query: str, placeholders: tuple[int] | None = None) -> list[Row]:
        self.calls.append((query, placeholders))
        return [(self.filesystem,)]

    def commit(self) -> None:
        self.calls.append("commit")

    def rollback(self) -> None:
        self.calls.append("rollback")


LOCK = ("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK_KEY,))
FILESYSTEM = ("SELECT to_regclass('web2py_filesystem')", None)
UNLOCK = ("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK_KEY,))


def test_on_postgresql_the_migration_holds_the_advisory_lock() -> None:
    db = PostgresDAL(filesystem=None)
    with migration_lock(db):
        db.calls.append("migrate")
    assert db.calls == [LOCK, FILESYSTEM, "commit", "migrate", "rollback", UNLOCK, "commit"]
    # pydal creates its table itself, as on any new database.
    assert db._uri not in DatabaseStoredFile.web2py_filesystems


def test_a_release_step_after_another_runs_no_schema_change() -> None:
    db = PostgresDAL(filesystem="web2py_filesystem")
    with migration_lock(db):
        pass
    # pydal then skips its CREATE TABLE IF NOT EXISTS web2py_filesystem.
    assert db._uri in DatabaseStoredFile.web2py_filesystems


def test_a_failed_migration_releases_the_lock() -> None:
    db = PostgresDAL(filesystem=None)
    with pytest.raises(RuntimeError), migration_lock(db):
        raise RuntimeError("the migration failed")
    assert db.calls == [LOCK, FILESYSTEM, "commit", "rollback", UNLOCK, "commit"]
