"""SQLite's settings for several server workers, the same in every framework
({{ cookiecutter.project_slug }}/contract.py): WAL, a wait for the write lock, and another try
when switching a new file to WAL meets another worker's lock."""

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from {{ cookiecutter.project_slug }} import contract


@contextmanager
def locked(database: Path, seconds: float) -> Iterator[None]:
    """An exclusive lock on a new SQLite file for `seconds`, as a second worker holds it while
    it switches the file to WAL."""
    holder = sqlite3.connect(database, isolation_level=None, check_same_thread=False)
    with closing(holder):
        holder.execute("BEGIN EXCLUSIVE")
        timer = threading.Timer(seconds, holder.rollback)
        timer.start()
        try:
            yield
        finally:
            timer.join()


def test_the_settings_wait_for_a_worker_that_holds_the_new_file(tmp_path: Path) -> None:
    database = tmp_path / "service.sqlite3"
    # timeout=0: no busy handler, so SQLite answers "database is locked" at once, as it does
    # to one of two workers that deadlock on a new file.
    with locked(database, 0.1), closing(sqlite3.connect(database, timeout=0)) as connection:
        contract.apply_sqlite_pragmas(connection)
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert connection.execute("PRAGMA busy_timeout").fetchone() == (5000,)


def test_a_lock_that_outlasts_the_wait_is_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(contract, "SQLITE_PRAGMA_SECONDS", 0.05)
    database = tmp_path / "service.sqlite3"
    connection = sqlite3.connect(database, timeout=0)
    with locked(database, 0.3), closing(connection), pytest.raises(sqlite3.OperationalError):
        contract.apply_sqlite_pragmas(connection)


def test_other_errors_are_raised_at_once(tmp_path: Path) -> None:
    connection = sqlite3.connect(tmp_path / "service.sqlite3")
    with closing(connection), pytest.raises(sqlite3.OperationalError, match="syntax"):
        contract.apply_sqlite_pragmas(connection, journal_mode="WAL WAL")
