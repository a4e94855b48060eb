"""The pages of the class tree (index, greet, add) and the health check, over HTTP."""

import json
import socket
from pathlib import Path

import httpx
import pytest
from alembic import command

from {{ cookiecutter.project_slug }}.contract import SECURITY_HEADERS
from {{ cookiecutter.project_slug }}.database import (
    MIGRATIONS,
    SAEnginePlugin,
    create_database_engine,
)
from {{ cookiecutter.project_slug }}.migration_check import MigrationCheck

from .conftest import alembic_config


def test_welcome_page(client: httpx.Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.text == {{ ("Welcome to " ~ cookiecutter.project_name) | python_string }}


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/greet", "Hello, Guest!"),
        ("/greet?name=Ada", "Hello, Ada!"),
        ("/greet/Ada", "Hello, Ada!"),
        ("/greet?name=%3Cb%3EAda%3C/b%3E", "Hello, <b>Ada</b>!"),
    ],
)
def test_greet(client: httpx.Client, path: str, expected: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.text == expected
    # Plain text: a name is never rendered as HTML.
    assert response.headers["Content-Type"] == "text/plain;charset=utf-8"


def test_add(client: httpx.Client) -> None:
    response = client.get("/add", params={"a": "2", "b": "-5"})
    assert response.status_code == 200
    assert response.text == "-3"


@pytest.mark.parametrize(
    "query", [{"a": "2", "b": "x"}, {"a": "1.5", "b": "1"}, {"a": "", "b": "1"}]
)
def test_add_needs_integers(client: httpx.Client, query: dict[str, str]) -> None:
    response = client.get("/add", params=query)
    assert response.status_code == 400
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == "a and b must be integers."


def test_pages_answer_only_get_and_head(client: httpx.Client) -> None:
    assert client.head("/greet").status_code == 200
    response = client.post("/greet", data={"name": "Ada"})
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, HEAD"
    assert response.json()["status"] == 405


def test_unknown_page_is_a_404_problem(client: httpx.Client) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert response.json()["detail"] == "The path '/no/such/page' was not found."


def test_an_unexpected_error_is_a_500_problem_without_traceback(
    client: httpx.Client, database: SAEnginePlugin, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "outside_transactions", "not an engine")
    response = client.get("/health")
    assert response.status_code == 500
    assert response.headers["Content-Type"] == "application/problem+json"
    assert "Traceback" not in response.text
    assert set(response.json()) == {"type", "title", "status", "detail"}


def test_an_error_before_routing_is_a_problem_too(live_url: str) -> None:
    """CherryPy rejects a request without Host before it applies the app config."""
    url = httpx.URL(live_url)
    with socket.create_connection((url.host, url.port)) as connection:
        connection.sendall(b"GET /health HTTP/1.1\r\nConnection: close\r\n\r\n")
        head, _, body = connection.makefile("rb").read().partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400 ")
    for name, value in SECURITY_HEADERS.items():
        assert f"{name}: {value}".encode() in head
    assert json.loads(body)["detail"] == "HTTP/1.1 requires a 'Host' request header."


def test_health_answers_ok_when_the_database_does(client: httpx.Client) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_health_answers_503_while_the_database_does_not(
    client: httpx.Client, database: SAEnginePlugin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unreachable = create_database_engine(f"sqlite:///{tmp_path / 'missing-folder' / 'app.db'}")
    with monkeypatch.context() as patch:
        # The sessions' engine and /health's (a SQLite engine is its own: outside_transactions).
        patch.setattr(database, "engine", unreachable)
        patch.setattr(database, "outside_transactions", unreachable)
        for path in ("/health", "/api/items"):
            response = client.get(path)
            assert response.status_code == 503
            assert response.headers["Content-Type"] == "application/problem+json"
            assert response.json()["status"] == 503
            for name, value in SECURITY_HEADERS.items():
                assert response.headers[name] == value
    # The same server answers again as soon as the database does.
    assert client.get("/health").status_code == 200


def test_an_unmigrated_database_is_a_503_naming_the_command(
    client: httpx.Client,
    database: SAEnginePlugin,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    new_database = f"sqlite:///{tmp_path / 'new.db'}"
    migrate = "uv run alembic upgrade head"
    detail = f"The database is not migrated: run `{migrate}`."
    # The server's database plugin, as `mount` would build it on a new database.
    new_engine = create_database_engine(new_database)
    monkeypatch.setattr(database, "engine", new_engine)
    monkeypatch.setattr(database, "outside_transactions", new_engine)
    monkeypatch.setattr(database, "migrations", MigrationCheck(MIGRATIONS, migrate))
    for path in ("/health", "/api/items"):
        response = client.get(path)
        assert response.status_code == 503
        assert response.headers["Content-Type"] == "application/problem+json"
        assert response.json()["detail"] == detail
    # The first migration leads the list; the project's own later ones follow it.
    assert f"{detail} Missing: 0001" in caplog.text
    # The token is checked first: a write without one learns nothing of the database.
    refused = client.post("/api/items", json={"name": "x"}, headers={"Authorization": ""})
    assert refused.status_code == 401

    command.upgrade(alembic_config(new_database), "head")
    # No restart: the next request finds the database migrated.
    assert client.get("/health").json() == {"status": "ok"}
    assert client.get("/api/items").json() == []
