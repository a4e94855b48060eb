"""Each request's id and access line (request_log.py), through the app's hooks."""

import io

import httpx
import pytest
from bottle import Bottle

from {{ cookiecutter.project_slug }} import create_app
from {{ cookiecutter.project_slug }}.logs import REQUEST_ID

from .log_capture import access_lines, capture_access_lines


@pytest.fixture
def caplog(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """pytest's caplog with the access lines, stamped with the request's id as logs.py's
    handler stamps them in production."""
    return capture_access_lines(caplog)


def test_a_request_is_logged_once_with_its_id(
    client: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    response = client.get("/api/items/999999", headers={"X-Request-ID": "req-42"})
    assert response.status_code == 404
    assert response.headers["X-Request-ID"] == "req-42"
    [line] = access_lines(caplog)
    fields = {name: line[name] for name in ("request_id", "method", "path", "status", "client")}
    assert fields == {
        "request_id": "req-42",
        "method": "GET",
        "path": "/api/items/999999",
        "status": 404,
        "client": "127.0.0.1",
    }
    assert line["duration_ms"] >= 0
    assert REQUEST_ID.get() == "-", "no line after the request carries its id"


def test_a_preflight_gets_an_id_and_a_line_too(
    client: httpx.Client, allowed_origin: str, caplog: pytest.LogCaptureFixture
) -> None:
    # A before_request hook answers it (cors.py): the request log's hooks see it all the same.
    headers = {"Origin": allowed_origin, "Access-Control-Request-Method": "POST"}
    response = client.options("/api/items", headers=headers)
    assert response.status_code == 204
    [line] = access_lines(caplog)
    assert (line["request_id"], line["method"], line["status"]) == (
        response.headers["X-Request-ID"],
        "OPTIONS",
        204,
    )


def test_an_unexpected_error_gets_an_id_and_a_line_too(
    database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> str:
        raise RuntimeError("a bug")

    app: Bottle = create_app(database_url)
    app.route("/broken", "GET", broken)
    transport = httpx.WSGITransport(app=app, raise_app_exceptions=False)
    with httpx.Client(transport=transport, base_url="http://test") as client:
        response = client.get("/broken", headers={"X-Request-ID": "req-500"})
    assert response.status_code == 500
    assert response.headers["X-Request-ID"] == "req-500"
    [line] = access_lines(caplog)
    assert (line["request_id"], line["status"]) == ("req-500", 500)


def test_an_answer_bottle_replaces_after_the_hooks_keeps_its_id_and_line(
    database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    def broken_hook() -> None:
        raise RuntimeError("a bug in a hook")

    app: Bottle = create_app(database_url)
    # Runs before the request log's after_request hook, which so never runs: Bottle answers
    # 500 through the error handler (problems.py).
    app.add_hook("after_request", broken_hook)
    errors = io.StringIO()
    transport = httpx.WSGITransport(app=app, raise_app_exceptions=False, wsgi_errors=errors)
    with httpx.Client(transport=transport, base_url="http://test") as client:
        response = client.get("/health", headers={"X-Request-ID": "req-hook"})
    assert response.status_code == 500
    assert response.headers["X-Request-ID"] == "req-hook"
    [line] = access_lines(caplog)
    assert (line["request_id"], line["path"], line["status"]) == ("req-hook", "/health", 500)
    assert REQUEST_ID.get() == "-"
