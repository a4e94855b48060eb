"""The greeting, the square and the health check; errors as problem details."""

import io
from pathlib import Path
from typing import Any
from wsgiref.util import setup_testing_defaults

import httpx
import pytest
from bottle import Bottle

from {{ cookiecutter.project_slug }} import create_app
from {{ cookiecutter.project_slug }}.contract import SECURITY_HEADERS
from {{ cookiecutter.project_slug }}.database import open_database
from {{ cookiecutter.project_slug }}.migrate import migrate
from {{ cookiecutter.project_slug }}.routes import MAX_SQUARED


def test_greet_renders_the_template(client: httpx.Client) -> None:
    response = client.get("/greet/Ada")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert "<h1>Hello, Ada!</h1>" in response.text


def test_greet_escapes_html(client: httpx.Client) -> None:
    response = client.get("/greet/<img src=x onerror=\"alert('x')\">")
    assert "<img" not in response.text
    assert "&lt;img src=x onerror=&quot;alert(&#039;x&#039;)&quot;&gt;" in response.text


def test_greet_keeps_non_ascii_names(app: Bottle) -> None:
    # A server passes the path as PEP 3333 says, UTF-8 bytes in a latin-1 string, and Bottle
    # decodes it. (httpx's WSGITransport passes decoded text, which Bottle cannot use.)
    environ: dict[str, Any] = {}
    setup_testing_defaults(environ)
    environ["PATH_INFO"] = "/greet/José".encode().decode("latin-1")
    statuses: list[str] = []
    body = b"".join(app(environ, lambda status, _headers, _exc_info=None: statuses.append(status)))
    assert statuses == ["200 OK"]
    assert "Hello, José!" in body.decode()


def test_home_page_greets_the_world(client: httpx.Client) -> None:
    assert "Hello, World!" in client.get("/").text


@pytest.mark.parametrize(("number", "square"), [(5, 25), (0, 0), (-3, 9)])
def test_square(client: httpx.Client, number: int, square: int) -> None:
    response = client.get(f"/square/{number}")
    assert response.status_code == 200
    assert response.json() == {"number": number, "square": square}


def test_square_of_a_number_too_large_for_json_is_400(client: httpx.Client) -> None:
    assert client.get(f"/square/{MAX_SQUARED}").status_code == 200
    response = client.get(f"/square/{MAX_SQUARED + 1}")
    assert response.status_code == 400
    assert response.headers["Content-Type"] == "application/problem+json"


def test_square_of_a_non_number_is_404(client: httpx.Client) -> None:
    assert client.get("/square/five").status_code == 404


def test_health_answers_ok_when_the_database_does(client: httpx.Client) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_health_answers_503_when_the_database_does_not(tmp_path: Path) -> None:
    # A folder where the database file should be: SQLite cannot open it.
    app = create_app(f"sqlite:///{tmp_path}")
    with httpx.Client(transport=httpx.WSGITransport(app=app), base_url="http://test") as client:
        response = client.get("/health")
    assert response.status_code == 503
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 503


def test_an_unmigrated_database_is_a_503_naming_the_command(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    new_database = f"sqlite:///{tmp_path / 'new.db'}"
    app = create_app(new_database)
    command = "uv run python -m {{ cookiecutter.project_slug }}.migrate"
    detail = f"The database is not migrated: run `{command}`."
    with httpx.Client(transport=httpx.WSGITransport(app=app), base_url="http://test") as client:
        for path in ("/health", "/api/items"):
            response = client.get(path)
            assert response.status_code == 503
            assert response.headers["Content-Type"] == "application/problem+json"
            assert response.json()["detail"] == detail
        # The first migration leads the list; the project's own later ones follow it.
        missing = f"{detail} Missing: 0001_create_items"
        assert any(message.startswith(missing) for message in caplog.messages)

        database = open_database(new_database, create=True)
        migrate(database)
        database.close()
        # No restart: the next request finds the database migrated.
        assert client.get("/health").json() == {"status": "ok"}
        assert client.get("/api/items").json() == []


def test_bottle_error_pages_are_problem_details(client: httpx.Client) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Not Found"


def test_an_unexpected_error_is_a_500_problem_with_the_security_headers(
    database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> str:
        raise RuntimeError("a bug")

    app: Bottle = create_app(database_url)
    app.route("/broken", "GET", broken)
    # The error is logged once, with its traceback, and not also written by Bottle to the
    # server's error stream.
    errors = io.StringIO()
    transport = httpx.WSGITransport(app=app, raise_app_exceptions=False, wsgi_errors=errors)
    with httpx.Client(transport=transport, base_url="http://test") as client:
        response = client.get("/broken")
    assert response.status_code == 500
    [logged] = [record for record in caplog.records if record.levelname == "ERROR"]
    assert logged.getMessage() == "Unexpected error on GET /broken"
    assert logged.exc_info is not None
    assert str(logged.exc_info[1]) == "a bug"
    assert errors.getvalue() == ""
    assert response.headers["Content-Type"] == "application/problem+json"
    assert "a bug" not in response.text
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value
