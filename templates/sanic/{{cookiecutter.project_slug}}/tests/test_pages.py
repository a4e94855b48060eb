"""The welcome page and the health check, in process through sanic-testing's ASGI client."""

from pathlib import Path

import httpx
import pytest
from alembic import command

from {{ cookiecutter.project_slug }}.app import create_app
from {{ cookiecutter.project_slug }}.config import ServiceConfig, sqlalchemy_url
from {{ cookiecutter.project_slug }}.context import ServiceApp
from {{ cookiecutter.project_slug }}.contract import SECURITY_HEADERS
{%- if cookiecutter.database == "postgresql" %}
from {{ cookiecutter.project_slug }}.database import Database
{%- endif %}

from .conftest import BackgroundServer, alembic_config


async def test_welcome_page(app: ServiceApp) -> None:
    _, response = await app.asgi_client.get("/")
    assert response.status == 200
    assert response.text == {{ ("Welcome to " ~ cookiecutter.project_name) | python_string }}


async def test_health_answers_ok_when_the_database_does(app: ServiceApp) -> None:
    _, response = await app.asgi_client.get("/health")
    assert response.status == 200
    assert response.json == {"status": "ok"}


async def test_head_answers_like_get_without_a_body(app: ServiceApp) -> None:
    _, get = await app.asgi_client.get("/health")
    _, head = await app.asgi_client.head("/health")
    assert head.status == 200
    assert head.body == b""
    assert head.headers["Content-Type"] == get.headers["Content-Type"]
    for name, value in SECURITY_HEADERS.items():
        assert head.headers[name] == value


async def test_health_and_api_answer_503_when_the_database_does_not(tmp_path: Path) -> None:
    unreachable = sqlalchemy_url(f"sqlite:///{tmp_path / 'missing-folder' / 'app.db'}")
    app = create_app(config=ServiceConfig(unreachable))
    for path in ("/health", "/api/items"):
        _, response = await app.asgi_client.get(path)
        assert response.status == 503
        assert response.headers["Content-Type"] == "application/problem+json"
        assert response.json["status"] == 503


def test_an_unmigrated_database_is_a_503_naming_the_command(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    new_database = f"sqlite:///{tmp_path / 'new.db'}"
    detail = "The database is not migrated: run `uv run alembic upgrade head`."
    # A worker on Sanic's server: its database stays open from one request to the next.
    server = BackgroundServer(create_app(config=ServiceConfig(sqlalchemy_url(new_database))))
    try:
        for path in ("/health", "/api/items"):
            response = httpx.get(server.url + path)
            assert response.status_code == 503
            assert response.headers["Content-Type"] == "application/problem+json"
            assert response.json()["detail"] == detail
        # The first migration leads the list; the project's own later ones follow it.
        assert any(message.startswith(f"{detail} Missing: 0001") for message in caplog.messages)

        command.upgrade(alembic_config(new_database), "head")
        # No restart: the next request finds the database migrated.
        assert httpx.get(server.url + "/health").json() == {"status": "ok"}
        assert httpx.get(server.url + "/api/items").json() == []
    finally:
        server.stop()
{%- if cookiecutter.database == "postgresql" %}


def test_health_and_reads_ask_outside_a_transaction_on_postgresql() -> None:
    # The engine connects at first use only.
    database = Database(sqlalchemy_url("postgresql://app@db/app"))
    try:
        with database.read_sessions() as read:
            assert read.get_bind() is database.outside_transactions
        assert database.outside_transactions is not database.engine
    finally:
        database.close()
{%- endif %}
