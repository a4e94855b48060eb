"""The shared contract module on its own: the bounded read of an unread request body, the
bearer-token check, the comma-separated settings, the request id and the SQLite settings.

Every WSGI template on Granian calls drain_unread_body (through its framework's hook), so that a
client sending a too-large body reads the 413 instead of a reset; the bound keeps a client from
holding a worker forever.
"""

from __future__ import annotations

import io
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
import yaml

from support.contract import CONTRACT
from support.templates import ROOT


def environ_with(body: io.BytesIO, *, terminated: bool = True) -> dict[str, Any]:
    return {"wsgi.input": body, "wsgi.input_terminated": terminated}


def test_a_body_within_the_bound_is_read_to_its_end() -> None:
    body = io.BytesIO(b"x" * (2 * CONTRACT.MAX_BODY_BYTES + 1))
    assert CONTRACT.drain_unread_body(environ_with(body)) is True
    assert body.read() == b""


def test_reading_stops_at_the_byte_bound() -> None:
    body = io.BytesIO(b"x" * (CONTRACT.MAX_UNREAD_BODY_BYTES + CONTRACT.UNREAD_BODY_CHUNK))
    assert CONTRACT.drain_unread_body(environ_with(body)) is False
    assert body.tell() == CONTRACT.MAX_UNREAD_BODY_BYTES


class SlowStream(io.BytesIO):
    """A client that keeps sending, slower than the clock allows."""

    def __init__(self, clock: list[float]) -> None:
        super().__init__(b"x" * CONTRACT.MAX_UNREAD_BODY_BYTES)
        self.clock = clock

    def read(self, size: int | None = -1) -> bytes:
        self.clock[0] += 1.0
        return super().read(size)


def test_reading_stops_at_the_time_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [0.0]
    monkeypatch.setattr(CONTRACT.time, "monotonic", lambda: clock[0])
    body = SlowStream(clock)
    assert CONTRACT.drain_unread_body(environ_with(body)) is False
    chunks_read = body.tell() // CONTRACT.UNREAD_BODY_CHUNK
    assert chunks_read == int(CONTRACT.UNREAD_BODY_SECONDS) + 1


def test_a_stream_that_may_not_end_with_the_body_is_left_alone() -> None:
    # Without wsgi.input_terminated a read past the body could wait for the client.
    body = io.BytesIO(b"x" * 10)
    assert CONTRACT.drain_unread_body(environ_with(body, terminated=False)) is False
    assert body.tell() == 0


def test_the_middleware_drains_after_the_application() -> None:
    body = io.BytesIO(b"x" * 1000)
    seen: list[int] = []

    def application(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        seen.append(environ["wsgi.input"].tell())
        start_response("413 Content Too Large", [])
        return [b""]

    middleware = CONTRACT.DrainUnreadBody(application)
    assert middleware(environ_with(body), lambda *_args: None) == [b""]
    assert seen == [0]
    assert body.tell() == 1000


@pytest.mark.parametrize(
    ("authorization", "accepted"),
    [
        ("Bearer first", True),
        ("bearer second", True),
        ("Bearer  first ", True),
        ("Bearer firs", False),
        ("Bearer first-and-more", False),
        ("Basic first", False),
        ("Bearer", False),
        ("", False),
        (None, False),
    ],
)
def test_a_bearer_token_is_valid_only_when_it_is_one_of_the_tokens(
    authorization: str | None, accepted: bool
) -> None:
    assert CONTRACT.bearer_token_is_valid(authorization, ("first", "second")) is accepted


def test_no_token_is_valid_without_tokens() -> None:
    assert CONTRACT.bearer_token_is_valid("Bearer anything", ()) is False


def test_comma_separated_settings_drop_blanks() -> None:
    assert CONTRACT.comma_separated(" a, b ,,c ,") == ("a", "b", "c")
    assert CONTRACT.comma_separated("") == ()


def test_a_request_id_is_kept_only_in_the_documented_form() -> None:
    contract = yaml.safe_load((ROOT / "contract" / "openapi.yaml").read_text("utf-8"))
    documented = contract["components"]["headers"]["XRequestID"]["schema"]["pattern"]
    assert documented == f"^{CONTRACT.REQUEST_ID_PATTERN.pattern}$"
    assert CONTRACT.request_id("req-42") == "req-42"
    for unsafe in ("a" * 129, "two words", "-dash", "", None):
        new = CONTRACT.request_id(unsafe)
        assert new != unsafe
        assert CONTRACT.REQUEST_ID_PATTERN.fullmatch(new)


def locked_database(path: Path) -> sqlite3.Connection:
    """A connection holding an exclusive lock on a new SQLite file, as a second worker does
    while it switches the file to WAL."""
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    return holder


def test_the_pragmas_wait_for_a_worker_that_holds_the_new_file(tmp_path: Path) -> None:
    database = tmp_path / "service.sqlite3"
    holder = locked_database(database)
    threading.Timer(0.2, holder.rollback).start()
    # timeout=0: no busy handler, so SQLite answers "database is locked" at once, as it does
    # to one of two workers that deadlock on a new file.
    connection = sqlite3.connect(database, timeout=0)
    CONTRACT.apply_sqlite_pragmas(connection)
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert connection.execute("PRAGMA busy_timeout").fetchone() == (5000,)


def test_a_lock_that_outlasts_the_wait_is_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(CONTRACT, "SQLITE_PRAGMA_SECONDS", 0.1)
    database = tmp_path / "service.sqlite3"
    holder = locked_database(database)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        CONTRACT.apply_sqlite_pragmas(sqlite3.connect(database, timeout=0))
    holder.rollback()


def test_other_errors_of_a_pragma_are_raised_at_once(tmp_path: Path) -> None:
    connection = sqlite3.connect(tmp_path / "service.sqlite3")
    with pytest.raises(sqlite3.OperationalError, match="syntax"):
        CONTRACT.apply_sqlite_pragmas(connection, journal_mode="WAL WAL")
