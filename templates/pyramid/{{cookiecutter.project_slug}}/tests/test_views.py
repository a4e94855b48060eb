"""The hello page, the health check, the security headers and CORS outside the API, through
WebTest (the items API: the shared test_items.py)."""

from pathlib import Path

import pytest
import webtest
from alembic import command
from alembic.config import Config
from pyramid.paster import get_app
{% if cookiecutter.database == "postgresql" -%}
from pyramid.router import Router
{% endif -%}
from sqlalchemy.orm import Session

from {{ cookiecutter.project_slug }} import main
from {{ cookiecutter.project_slug }}.contract import SECURITY_HEADERS
from {{ cookiecutter.project_slug }}.views import items as item_views

{% if cookiecutter.database == "postgresql" -%}
from .autocommit_statements import autocommit_of_statements
{% endif -%}
from .conftest import TESTING_INI


def test_hello_world(testapp: webtest.TestApp) -> None:
    response = testapp.get("/", status=200)
    assert response.content_type == "text/plain"
    assert response.text == "Hello World!"


def test_health_answers_ok_when_the_database_does(testapp: webtest.TestApp) -> None:
    assert testapp.get("/health", status=200).json == {"status": "ok"}


def test_health_answers_503_when_the_database_does_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    unreachable = f"sqlite:///{tmp_path / 'missing-folder' / 'app.db'}"
    app = webtest.TestApp(main({}, **{"sqlalchemy.url": unreachable}))
    response = app.get("/health", status=503)
    assert response.content_type == "application/problem+json"
    assert response.json["status"] == 503


def test_every_response_carries_the_security_headers(testapp: webtest.TestApp) -> None:
    for response in (testapp.get("/"), testapp.get("/nowhere", status=404)):
        for name, value in SECURITY_HEADERS.items():
            assert response.headers[name] == value


def test_an_unmigrated_database_is_a_503_naming_the_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'new.db'}")
    app = webtest.TestApp(get_app(TESTING_INI, "main"))
    detail = "The database is not migrated: run `uv run alembic -c testing.ini upgrade head`."
    for path in ("/health", "/api/items"):
        response = app.get(path, status=503)
        assert response.content_type == "application/problem+json"
        assert response.json["detail"] == detail
    # The first migration leads the list; the project's own later ones follow it.
    assert any(message.startswith(f"{detail} Missing: 0001") for message in caplog.messages)

    command.upgrade(Config(TESTING_INI), "head")
    # No restart: the next request finds the database migrated.
    assert app.get("/health", status=200).json == {"status": "ok"}
    assert app.get("/api/items", status=200).json == []


def test_pages_outside_the_api_get_no_cors_headers(
    testapp: webtest.TestApp, allowed_origin: str
) -> None:
    response = testapp.get("/", headers={"Origin": allowed_origin})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_only_the_reads_ask_outside_a_transaction(
    web: webtest.TestApp, dbsession: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[object] = []
    monkeypatch.setattr(item_views, "read_outside_a_transaction", asked.append)
    item_id = web.post_json("/api/items", {"name": "x"}, status=201).json["id"]
    web.put_json(f"/api/items/{item_id}", {"name": "y"}, status=200)
    assert asked == []
    web.get("/api/items", status=200)
    web.get(f"/api/items/{item_id}", status=200)
    assert asked == [dbsession, dbsession]
{%- if cookiecutter.database == "postgresql" %}


def test_reads_run_outside_a_transaction_on_postgresql(app: Router) -> None:
    """In pyramid_tm's transaction, as in production (not the test's, as in `web`)."""
    engine = app.registry["dbsession_factory"].kw["bind"]
    with autocommit_of_statements(engine) as autocommit:
        webtest.TestApp(app).get("/api/items", status=200)
        webtest.TestApp(app).get("/api/items/1", status="*")
    assert autocommit
    assert all(autocommit)
{%- endif %}
