"""The hello page and the health check."""

import sqlite3

import pytest
from cubicweb.server.session import Connection
from webtest import TestApp


def test_hello_world(web: TestApp) -> None:
    page = web.get("/")
    assert page.content_type == "text/plain"
    assert page.text == "Hello World!"


def test_health_says_ok(web: TestApp) -> None:
    assert web.get("/health").json == {"status": "ok"}


def test_health_is_a_503_when_the_database_does_not_answer(
    web: TestApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreachable(_connection: Connection, _sql: str) -> None:
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(Connection, "system_sql", unreachable)
    answer = web.get("/health", status=503)
    assert answer.content_type == "application/problem+json"
    assert answer.json["detail"] == "The database is not answering."
