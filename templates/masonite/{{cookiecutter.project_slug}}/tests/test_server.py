"""The app as the production server runs it: the module it serves (server.py), the request
body it needs read to its end, and the access line of each request."""

import importlib
import io
import json
import logging
from collections.abc import Iterator
from typing import NoReturn
from wsgiref.types import WSGIApplication

import pytest
import sentry_sdk
from masonite.controllers import Controller
from masonite.routes import Route
from masonite.utils.http import generate_wsgi

from {{ cookiecutter.project_slug }}.contract import MAX_BODY_BYTES, MAX_UNREAD_BODY_BYTES

from .sentry_endpoint import sentry_endpoint


def post_items(app: WSGIApplication, body: io.BytesIO, **headers: str) -> str:
    """POST /api/items with `body` as the server hands it over; the answer's status line."""
    environ = generate_wsgi(
        {
            "CONTENT_TYPE": "application/json",
            "CONTENT_LENGTH": str(len(body.getvalue())),
            # As Granian and gunicorn set it: the stream ends with the body.
            "wsgi.input": body,
            "wsgi.input_terminated": True,
            **headers,
        },
        path="/api/items",
        method="POST",
    )
    return call(app, environ)[0]


def call(app: WSGIApplication, environ: dict[str, object]) -> tuple[str, dict[str, str]]:
    """The answer's status line and headers."""
    answers: list[tuple[str, dict[str, str]]] = []

    def start_response(status: str, headers: list[tuple[str, str]], *_: object) -> None:
        answers.append((status, dict(headers)))

    app(environ, start_response)  # type: ignore[arg-type]
    return answers[0]


def test_a_refused_body_is_still_read_to_its_end(app: WSGIApplication, api_token: str) -> None:
    """A client still sending reads the 413 instead of a reset connection."""
    body = io.BytesIO(b" " * (2 * MAX_BODY_BYTES))
    status = post_items(app, body, HTTP_AUTHORIZATION=f"Bearer {api_token}")
    assert status.startswith("413")
    assert body.tell() == len(body.getvalue())


def test_an_endless_body_is_read_no_further_than_the_bound(app: WSGIApplication) -> None:
    """Past MAX_UNREAD_BODY_BYTES the server closes the connection instead."""
    body = io.BytesIO(b" " * (MAX_UNREAD_BODY_BYTES + MAX_BODY_BYTES))
    assert post_items(app, body).startswith("401")
    assert body.tell() == MAX_UNREAD_BODY_BYTES


def test_a_chunked_body_is_read_to_the_limit(app: WSGIApplication, api_token: str) -> None:
    """Without Content-Length, one byte past the limit tells a body too large."""
    body = io.BytesIO(json.dumps({"name": "x" * MAX_BODY_BYTES}).encode())
    status = post_items(app, body, CONTENT_LENGTH="", HTTP_AUTHORIZATION=f"Bearer {api_token}")
    assert status.startswith("413")


def test_each_request_logs_one_access_line(
    app: WSGIApplication, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="access")
    environ = generate_wsgi({"HTTP_X_REQUEST_ID": "req-1"}, path="/health")
    status, headers = call(app, environ)
    assert (status, headers["X-Request-ID"]) == ("200 OK", "req-1")
    [line] = [record for record in caplog.records if record.name == "access"]
    assert line.getMessage().startswith("GET /health 200 ")


def test_head_is_answered_like_get_without_the_body(app: WSGIApplication) -> None:
    answer = app(generate_wsgi(path="/health", method="HEAD"), lambda *args: lambda data: None)
    assert b"".join(answer) == b""
    assert call(app, generate_wsgi(path="/health", method="HEAD"))[0] == "200 OK"


class FailingController(Controller):  # type: ignore[misc]
    def show(self) -> NoReturn:
        raise RuntimeError("a bug")


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """The production module's logs.configure() replaces the root logger's handlers, pytest's
    own included: put them back."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.mark.usefixtures("restore_logging")
def test_the_production_module_reports_each_unexpected_error_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with sentry_endpoint() as endpoint:
        monkeypatch.setenv("SENTRY_DSN", endpoint.dsn)
        server = importlib.import_module("{{ cookiecutter.project_slug }}.server")
        router = server.application.make("router")
        routes = list(router.routes)
        try:
            router.add(Route.group([Route.get("/failing", FailingController.show)]))
            assert call(server.application, generate_wsgi(path="/health"))[0] == "200 OK"
            failed = call(server.application, generate_wsgi(path="/failing"))[0]
            assert failed == "500 Internal Server Error"
            events = endpoint.events()
        finally:
            router.routes = routes
            sentry_sdk.get_client().close()
            sentry_sdk.get_global_scope().set_client(None)
    [event] = events
    [exception] = event["exception"]["values"]
    assert (exception["type"], exception["value"]) == ("RuntimeError", "a bug")
