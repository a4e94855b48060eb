"""The welcome, the interactive docs and the health check, through Starlette's TestClient."""

from pathlib import Path

import pytest
from alembic import command
from starlette.testclient import TestClient

from {{ cookiecutter.project_slug }}.config import Settings
from {{ cookiecutter.project_slug }}.contract import SECURITY_HEADERS
{%- if cookiecutter.database == "postgresql" %}
from {{ cookiecutter.project_slug }}.database import Database, create_engine
{%- endif %}
from {{ cookiecutter.project_slug }}.main import create_app

from .conftest import alembic_config


def test_welcome(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.json() == {
        "message": {{ ("Welcome to " ~ cookiecutter.project_name) | python_string }},
        "docs": "/docs",
    }


def test_docs_and_openapi_document(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "swagger-ui" in docs.text
    document = client.get("/openapi.json").json()
    assert set(document["paths"]) == {"/health", "/api/items", "/api/items/{id}"}
    not_found = document["paths"]["/api/items/{id}"]["get"]["responses"]["404"]
    assert list(not_found["content"]) == ["application/problem+json"]
    # The writes declare the bearer token (the docs' "Authorize" button); reads need none.
    scheme = document["components"]["securitySchemes"]["apiToken"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    items = document["paths"]["/api/items"]
    assert items["post"]["security"] == [{"apiToken": []}]
    assert "security" not in items["get"]


def test_health_answers_ok_when_the_database_does(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_head_answers_like_get_without_a_body(client: TestClient) -> None:
    get = client.get("/health")
    head = client.head("/health")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["Content-Length"] == get.headers["Content-Length"]
    for name, value in SECURITY_HEADERS.items():
        assert head.headers[name] == value
{%- if cookiecutter.database == "postgresql" %}


def test_health_and_reads_ask_outside_a_transaction_on_postgresql() -> None:
    # The engine connects at first use only.
    database = Database(create_engine("postgresql+psycopg://app@db/app"))
    with database.read_sessions() as read:
        assert read.get_bind() is database.outside_transactions
    assert database.outside_transactions is not database.engine
{%- endif %}


UNREACHABLE = [
    pytest.param("sqlite:///{tmp}/missing-folder/app.db", id="sqlite"),
{%- if cookiecutter.database == "postgresql" %}
    # Port 9 (discard) on loopback: nothing listens, the connection is refused.
    pytest.param("postgresql://postgres@127.0.0.1:9/app", id="postgresql"),
{%- endif %}
]


@pytest.mark.parametrize("database_url", UNREACHABLE)
def test_health_answers_503_when_the_database_does_not(database_url: str, tmp_path: Path) -> None:
    app = create_app(Settings(database_url=database_url.format(tmp=tmp_path)))
    with TestClient(app) as client:
        response = client.get("/health")
        assert response.status_code == 503
        assert response.headers["Content-Type"] == "application/problem+json"
        assert response.json()["status"] == 503
        assert client.get("/api/items").status_code == 503


def test_an_unmigrated_database_is_a_503_naming_the_command(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    new_database = f"sqlite:///{tmp_path / 'new.db'}"
    detail = "The database is not migrated: run `uv run alembic upgrade head`."
    with TestClient(create_app(Settings(database_url=new_database))) as client:
        for path in ("/health", "/api/items"):
            response = client.get(path)
            assert response.status_code == 503
            assert response.headers["Content-Type"] == "application/problem+json"
            assert response.json()["detail"] == detail
        # The first migration leads the list; the project's own later ones follow it.
        assert any(message.startswith(f"{detail} Missing: 0001") for message in caplog.messages)

        command.upgrade(alembic_config(new_database), "head")
        # No restart: the next request finds the database migrated.
        assert client.get("/health").json() == {"status": "ok"}
        assert client.get("/api/items").json() == []
