"""The welcome page and the health check, through Flask's test client."""

from pathlib import Path

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade

from {{ cookiecutter.project_slug }} import create_app


def test_welcome_page(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == {{ ("Welcome to " ~ cookiecutter.project_name) | python_string }}


def test_health_answers_ok_when_the_database_does(client: FlaskClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_health_answers_503_when_the_database_does_not(tmp_path: Path) -> None:
    unreachable = f"sqlite:///{tmp_path / 'missing-folder' / 'app.db'}"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": unreachable})
    response = app.test_client().get("/health")
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["status"] == 503


def test_an_unmigrated_database_is_a_503_naming_the_command(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    new_database = f"sqlite:///{tmp_path / 'new.db'}"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": new_database})
    client = app.test_client()
    command = "uv run flask --app {{ cookiecutter.project_slug }} db upgrade"
    detail = f"The database is not migrated: run `{command}`."
    for path in ("/health", "/api/items"):
        response = client.get(path)
        assert response.status_code == 503
        assert response.mimetype == "application/problem+json"
        assert response.get_json()["detail"] == detail
    # The first migration leads the list; the project's own later ones follow it.
    assert any(message.startswith(f"{detail} Missing: 0001") for message in caplog.messages)

    with app.app_context():
        upgrade(directory=str(Path(__file__).parents[1] / "migrations"))
    # No restart: the next request finds the database migrated.
    assert client.get("/health").get_json() == {"status": "ok"}
    assert client.get("/api/items").get_json() == []
