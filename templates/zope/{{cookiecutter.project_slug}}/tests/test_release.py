{%- set postgresql = cookiecutter.database == "postgresql" -%}
"""The release step: zope.generations makes a new database and evolves an old one, and until it
has run the app answers 503 naming it."""

from pathlib import Path
from typing import Any

import pytest
import transaction
import ZODB
from webtest import TestApp
from ZODB.POSException import ReadConflictError

from {{ cookiecutter.project_slug }} import generations, logs, release, storage
{%- if postgresql %}
from {{ cookiecutter.project_slug }}.contract import MIGRATION_LOCK_KEY
{%- endif %}
from {{ cookiecutter.project_slug }}.database import (
    GENERATIONS_KEY,
    SCHEMA_MANAGER_NAME,
    NotMigratedError,
    generation,
    items_of,
)
from {{ cookiecutter.project_slug }}.items import ITEMS_KEY, ItemContainer
from {{ cookiecutter.project_slug }}.storage import database_lock, has_zope_root, open_storage


def test_release_makes_a_new_database_at_the_code_s_generation(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    assert release.release(url) == generations.GENERATION
    db = ZODB.DB(open_storage(url))
    try:
        with db.transaction() as connection:
            assert isinstance(connection.root()[ITEMS_KEY], ItemContainer)
    finally:
        db.close()


def test_release_again_changes_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'twice.db'}"
    assert release.release(url) == release.release(url)


def test_the_command_reports_what_it_did(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'command.db'}")
    monkeypatch.setattr(logs, "configure", lambda: None)
    # Zope runs in this process already (the layer's), on the tests' database.
    monkeypatch.setattr(release, "start_zope", lambda: None)
    release.main([])
    assert f"at generation {generations.GENERATION}" in capsys.readouterr().out


def test_a_database_the_release_step_missed_is_a_503_naming_it(web: TestApp) -> None:
    import Zope2

    connection = Zope2.DB.open()
    record = connection.root()[GENERATIONS_KEY]
    try:
        record[SCHEMA_MANAGER_NAME] = generations.GENERATION - 1
        transaction.commit()
        answer = web.get("/health", status=503)
        assert "python -m {{ cookiecutter.project_slug }}.release" in answer.json["detail"]
    finally:
        record[SCHEMA_MANAGER_NAME] = generations.GENERATION
        transaction.commit()
        connection.close()
    web.get("/health", status=200)


def test_items_of_a_new_database_are_refused() -> None:
    class Stored:
        class _p_jar:  # noqa: N801 (a stored object's connection)
            @staticmethod
            def root() -> dict[str, Any]:
                return {}

    assert generation({}) == 0
    with pytest.raises(NotMigratedError):
        items_of(Stored())
{%- if postgresql %}


class Cursor:
    def __init__(self, calls: list[object]) -> None:
        self.calls = calls

    def __enter__(self) -> "Cursor":
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def execute(self, query: str, parameters: tuple[int]) -> None:
        self.calls.append((query, parameters))


class Connection:
    autocommit = False

    def __init__(self) -> None:
        self.calls: list[object] = []

    def cursor(self) -> Cursor:
        return Cursor(self.calls)

    def close(self) -> None:
        self.calls.append("close")


def test_on_postgresql_the_release_holds_the_advisory_lock(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import psycopg2

    connection = Connection()
    monkeypatch.setattr(psycopg2, "connect", lambda url: connection)
    with database_lock("postgresql://localhost/db"):
        connection.calls.append("evolve")
    lock = ("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK_KEY,))
    assert connection.calls == [lock, "evolve", "close"]
{%- endif %}


def test_a_database_without_zope_s_root_folder_is_new(tmp_path: Path) -> None:
    assert not has_zope_root(f"sqlite:///{tmp_path / 'none.db'}")
    url = f"sqlite:///{tmp_path / 'released.db'}"
    release.release(url)
    assert not has_zope_root(url)  # Zope makes it: the command starts Zope first.


def test_on_sqlite_the_lock_is_a_file_in_the_folder(tmp_path: Path) -> None:
    with database_lock(f"sqlite:///{tmp_path}/lock.db"):
        assert (tmp_path / "lock.db" / "start.lock").exists()


def test_check_changes_nothing_and_fails_while_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'checked.db'}")
    monkeypatch.setattr(logs, "configure", lambda: None)
    monkeypatch.setattr(release, "start_zope", lambda: None)
    with pytest.raises(SystemExit) as behind:
        release.main(["--check"])
    assert "python -m {{ cookiecutter.project_slug }}.release" in str(behind.value.code)
    release.main([])
    release.main(["--check"])
    assert f"at generation {generations.GENERATION}" in capsys.readouterr().out


def test_a_conflict_on_an_object_only_read_is_a_read_conflict() -> None:
    """RelStorage's SQLite adapter reports it as a conflict on a stored object (storage.py)."""

    class NothingStored:
        def __init__(self) -> None:
            self._buffer_index: dict[int, object] = {}

    with pytest.raises(ReadConflictError):
        storage._read_temp(NothingStored(), 298)
