"""The welcome page, the health check and the headers, through Django's test client."""

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from pytest_django import DjangoDbBlocker

from {{ cookiecutter.project_slug }}.api import MIGRATIONS
from {{ cookiecutter.project_slug }}.contract import SECURITY_HEADERS


def test_welcome_page(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["site_name"] == {{ cookiecutter.project_name | python_string }}
    assert b"/posts/" in response.content


@pytest.mark.django_db
def test_health_answers_ok_when_the_database_does(client: Client) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_health_answers_503_when_the_database_does_not(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: BaseDatabaseWrapper) -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
    for path in ("/health", "/api/items"):
        response = client.get(path)
        assert response.status_code == 503
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["status"] == 503


def test_an_unmigrated_database_is_a_503_naming_the_command(
    app: WSGIHandler,
    django_db_blocker: DjangoDbBlocker,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = Client()
    command = "uv run python manage.py migrate --settings {{ cookiecutter.project_slug }}.settings.test"
    detail = f"The database is not migrated: run `{command}`."
    with django_db_blocker.unblock():
        # The test database without the items app's migrations, and a process that has not
        # seen it migrated yet.
        call_command("migrate", "items", "zero", verbosity=0)
        monkeypatch.setattr(MIGRATIONS, "current", False)
        try:
            for path in ("/health", "/api/items"):
                response = client.get(path)
                assert response.status_code == 503
                assert response["Content-Type"] == "application/problem+json"
                assert response.json()["detail"] == detail
            # The first migration leads the list; the project's own later ones follow it.
            missing = f"{detail} Missing: items.0001_initial"
            assert any(message.startswith(missing) for message in caplog.messages)
        finally:
            call_command("migrate", verbosity=0)
        # No restart: the next request finds the database migrated.
        assert client.get("/health").json() == {"status": "ok"}
        assert client.get("/api/items").json() == []


@pytest.mark.parametrize("path", ["/", "/health", "/api/nothing", "/posts/0/"])
@pytest.mark.django_db
def test_every_response_has_the_security_headers(client: Client, path: str) -> None:
    response = client.get(path)
    for name, value in SECURITY_HEADERS.items():
        assert response[name] == value


@pytest.mark.django_db
def test_a_missing_page_outside_the_api_is_html(client: Client) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
