"""The welcome page and the health check, through Flask's test client."""

from pathlib import Path

from flask.testing import FlaskClient

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
