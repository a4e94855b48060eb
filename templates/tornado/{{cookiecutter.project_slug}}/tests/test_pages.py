"""The welcome page and the health check, over HTTP."""

from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from alembic import command
from sqlalchemy import create_engine, text

{% if cookiecutter.database == "postgresql" -%}
from {{ cookiecutter.project_slug }}.app import Application
{% endif -%}
from {{ cookiecutter.project_slug }}.config import Settings, sqlalchemy_url
from {{ cookiecutter.project_slug }}.contract import SECURITY_HEADERS

from .conftest import BackgroundServer, alembic_config


def test_welcome_page(client: httpx.Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.text == {{ ("Welcome to " ~ cookiecutter.project_name) | python_string }}


def test_health_answers_ok_when_the_database_does(client: httpx.Client) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_head_answers_like_get_without_a_body(client: httpx.Client) -> None:
    get = client.get("/health")
    head = client.head("/health")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["Content-Length"] == get.headers["Content-Length"]
    for name, value in SECURITY_HEADERS.items():
        assert head.headers[name] == value


def test_health_and_api_answer_503_when_the_database_does_not(
    settings: Settings, tmp_path: Path
) -> None:
    unreachable = sqlalchemy_url(f"sqlite:///{tmp_path / 'missing-folder' / 'app.db'}")
    server = BackgroundServer(replace(settings, database_url=unreachable))
    try:
        for path in ("/health", "/api/items"):
            response = httpx.get(server.url + path)
            assert response.status_code == 503
            assert response.headers["Content-Type"] == "application/problem+json"
            assert response.json()["status"] == 503
    finally:
        server.stop()


def test_stopping_shuts_the_database_threads_down(settings: Settings) -> None:
    server = BackgroundServer(settings)
    executor = server.service.application.executor
    try:
        assert httpx.get(server.url + "/health").status_code == 200
    finally:
        server.stop()
    with pytest.raises(RuntimeError, match="shutdown"):
        executor.submit(print)


def test_an_unmigrated_database_is_a_503_naming_the_command(
    settings: Settings, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    new_database = f"sqlite:///{tmp_path / 'new.db'}"
    detail = "The database is not migrated: run `uv run alembic upgrade head`."
    server = BackgroundServer(replace(settings, database_url=sqlalchemy_url(new_database)))
    try:
        for path in ("/health", "/api/items"):
            response = httpx.get(server.url + path)
            assert response.status_code == 503
            assert response.headers["Content-Type"] == "application/problem+json"
            assert response.json()["detail"] == detail
        # The first migration leads the list; the project's own later ones follow it.
        assert any(message.startswith(f"{detail} Missing: 0001") for message in caplog.messages)
        # The token is checked first: a write without one learns nothing of the database.
        assert httpx.post(server.url + "/api/items", json={"name": "x"}).status_code == 401

        command.upgrade(alembic_config(new_database), "head")
        # No restart: the next request finds the database migrated.
        assert httpx.get(server.url + "/health").json() == {"status": "ok"}
        assert httpx.get(server.url + "/api/items").json() == []
    finally:
        server.stop()


def test_a_database_ahead_of_the_code_is_served(settings: Settings, tmp_path: Path) -> None:
    """After the code is rolled back past a migration, the database has a revision this code
    does not know: the service answers with the schema it knows, instead of a 503."""
    database = f"sqlite:///{tmp_path / 'ahead.db'}"
    command.upgrade(alembic_config(database), "head")
    engine = create_engine(database)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'from_the_future'"))
    engine.dispose()
    server = BackgroundServer(replace(settings, database_url=sqlalchemy_url(database)))
    try:
        assert httpx.get(server.url + "/health").json() == {"status": "ok"}
        assert httpx.get(server.url + "/api/items").json() == []
    finally:
        server.stop()
{%- if cookiecutter.database == "postgresql" %}


def test_health_and_reads_ask_outside_a_transaction_on_postgresql(settings: Settings) -> None:
    # The engine connects at first use only.
    engine = create_engine(sqlalchemy_url("postgresql://app@db/app"))
    application = Application([], settings, engine)
    try:
        with application.read_sessions() as read:
            assert read.get_bind() is application.outside_transactions
        assert application.outside_transactions is not engine
    finally:
        application.executor.shutdown()
{%- endif %}
