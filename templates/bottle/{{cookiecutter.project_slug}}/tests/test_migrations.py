{%- set postgresql = cookiecutter.database == "postgresql" -%}
"""The migrate command: numbered SQL files, each applied once and recorded, all or nothing."""

import sqlite3
from pathlib import Path

import pytest

from {{ cookiecutter.project_slug }} import migrate as migrations
from {{ cookiecutter.project_slug }}.database import Database, open_database
from {{ cookiecutter.project_slug }}.items import create_item, get_item
from {{ cookiecutter.project_slug }}.schemas import ItemIn


def versions(dialect: str) -> list[str]:
    return [path.stem for path in migrations.migration_files(dialect)]


def test_the_test_database_has_every_migration(database: Database) -> None:
    with database.transaction() as db:
        recorded = [row[0] for row in db.execute("SELECT version FROM schema_migrations")]
    assert sorted(recorded) == versions(database.dialect)


def test_a_new_database_is_built_once(tmp_path: Path) -> None:
    database = open_database(f"sqlite:///{tmp_path / 'new.db'}", create=True)
    assert migrations.migrate(database) == versions("sqlite")
    assert migrations.migrate(database) == []
    with database.transaction() as db:
        item = create_item(db, ItemIn(name="first", description=None))
        assert get_item(db, item["id"]) == item
    database.close()


def test_a_failing_migration_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sqlite").mkdir()
    (tmp_path / "sqlite" / "0001_good.sql").write_text("CREATE TABLE good (id INTEGER);\n")
    (tmp_path / "sqlite" / "0002_bad.sql").write_text(
        "CREATE TABLE half (id INTEGER);\nINSERT INTO missing VALUES (1);\n"
    )
    monkeypatch.setattr(migrations, "MIGRATIONS_DIR", tmp_path)
    database = open_database(f"sqlite:///{tmp_path / 'app.db'}", create=True)
    with pytest.raises(sqlite3.OperationalError, match="no such table: missing"):
        migrations.migrate(database)
    with database.transaction() as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        recorded = [row[0] for row in db.execute("SELECT version FROM schema_migrations")]
    database.close()
    assert "good" in tables
    assert "half" not in tables
    assert recorded == ["0001_good"]


def test_migrations_are_numbered_in_sequence() -> None:
    # 0001_create_items, 0002_...: each number once and none skipped, so that two branches that
    # both added a 0002 conflict here instead of applying in an order nobody chose.
    numbers = [version.partition("_")[0] for version in versions("sqlite")]
    assert numbers == [f"{number:04}" for number in range(1, len(numbers) + 1)]
{%- if postgresql %}


def test_each_database_has_the_same_migrations() -> None:
    assert versions("postgresql") == versions("sqlite")
{%- endif %}
