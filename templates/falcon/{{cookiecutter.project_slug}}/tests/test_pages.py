"""The welcome page, the health check and the app's errors, through Falcon's test client."""

from pathlib import Path

import pytest
from alembic import command
from falcon.testing import TestClient

from {{ cookiecutter.project_slug }}.app import create_app
from {{ cookiecutter.project_slug }}.config import Settings
from {{ cookiecutter.project_slug }}.contract import (
    CORS_MAX_AGE,
    PROBLEM_CONTENT_TYPE,
    SECURITY_HEADERS,
    WWW_AUTHENTICATE,
)
from {{ cookiecutter.project_slug }}.database import Database

from .conftest import alembic_config


def test_welcome_page(client: TestClient) -> None:
    response = client.simulate_get("/")
    assert response.status_code == 200
    assert response.text == {{ ("Welcome to " ~ cookiecutter.project_name) | python_string }}
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"


def test_health_answers_ok_when_the_database_does(client: TestClient) -> None:
    response = client.simulate_get("/health")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value


def test_head_is_get_without_the_body(client: TestClient) -> None:
    for path in ("/", "/health", "/api/items"):
        response = client.simulate_head(path)
        assert response.status_code == 200
        assert response.content == b""


def test_health_answers_503_when_the_database_does_not(tmp_path: Path, settings: Settings) -> None:
    unreachable = Database(f"sqlite:///{tmp_path / 'missing-folder' / 'app.db'}")
    client = TestClient(create_app(unreachable, settings))
    for path in ("/health", "/api/items"):
        response = client.simulate_get(path)
        assert response.status_code == 503
        assert response.headers["Content-Type"] == PROBLEM_CONTENT_TYPE
        assert response.json["detail"] == "The database is not answering."


def test_an_unmigrated_database_is_a_503_naming_the_command(
    tmp_path: Path, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    new_database = f"sqlite:///{tmp_path / 'new.db'}"
    client = TestClient(create_app(Database(new_database), settings))
    detail = "The database is not migrated: run `uv run alembic upgrade head`."
    for path in ("/health", "/api/items"):
        response = client.simulate_get(path)
        assert response.status_code == 503
        assert response.headers["Content-Type"] == PROBLEM_CONTENT_TYPE
        assert response.json["detail"] == detail
    # The first migration leads the list; the project's own later ones follow it.
    assert f"{detail} Missing: 0001" in caplog.text
    # The token hook runs before the migration hook: a write without a token learns nothing.
    refused = client.simulate_post("/api/items", json={"name": "x"})
    assert refused.status_code == 401
    assert refused.headers["WWW-Authenticate"] == WWW_AUTHENTICATE

    command.upgrade(alembic_config(new_database), "head")
    # No restart: the next request finds the database migrated.
    assert client.simulate_get("/health").json == {"status": "ok"}
    assert client.simulate_get("/api/items").json == []


def test_unknown_path_is_a_404_problem(client: TestClient) -> None:
    response = client.simulate_get("/no/such/page")
    assert response.status_code == 404
    assert response.headers["Content-Type"] == PROBLEM_CONTENT_TYPE
    assert response.json == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "There is nothing at this path.",
    }


def test_a_method_without_responder_is_a_405_problem_with_allow(client: TestClient) -> None:
    response = client.simulate_post("/health")
    assert response.status_code == 405
    assert response.headers["Content-Type"] == PROBLEM_CONTENT_TYPE
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_an_unexpected_error_is_a_500_problem_without_traceback(
    client: TestClient, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "outside_transactions", "not an engine")
    response = client.simulate_get("/health")
    assert response.status_code == 500
    assert response.headers["Content-Type"] == PROBLEM_CONTENT_TYPE
    assert "Traceback" not in response.text
    assert set(response.json) == {"type", "title", "status", "detail"}
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value


def test_an_accepted_preflight_names_the_headers_the_api_reads(
    client: TestClient, allowed_origin: str
) -> None:
    """Falcon's CORSMiddleware would echo the requested headers and allow a day's caching."""
    request = {
        "Origin": allowed_origin,
        "Access-Control-Request-Method": "PUT",
        "Access-Control-Request-Headers": "authorization,content-type,x-other",
    }
    response = client.simulate_options("/api/items/1", headers=request)
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == allowed_origin
    assert "PUT" in response.headers["Access-Control-Allow-Methods"].split(", ")
    assert response.headers["Access-Control-Allow-Headers"] == "Authorization, Content-Type"
    assert response.headers["Access-Control-Max-Age"] == str(CORS_MAX_AGE)
