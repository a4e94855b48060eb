"""The app under its servers: the development server (`python -m {{ cookiecutter.project_slug }}`),
the module the production server imports (wsgi.py), and the request body the production server
needs read to its end."""

import importlib
import io
import json
import logging
import os
import threading
import wsgiref.simple_server
from collections.abc import Iterator
from http.client import HTTPConnection
from typing import NoReturn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer
from wsgiref.types import WSGIApplication

import falcon
import pytest
import sentry_sdk
from falcon.testing import TestClient
from sentry_sdk.integrations.logging import unignore_logger

from {{ cookiecutter.project_slug }} import __main__ as development
from {{ cookiecutter.project_slug }} import problems
from {{ cookiecutter.project_slug }}.contract import MAX_BODY_BYTES, MAX_UNREAD_BODY_BYTES
from {{ cookiecutter.project_slug }}.database import Database

from .sentry_endpoint import sentry_endpoint


@pytest.fixture
def environment(database: Database) -> Iterator[None]:
    """The migrated test database in DATABASE_URL; afterwards the environment as it was,
    without what the entry points' load_dotenv() added from .env."""
    saved = dict(os.environ)
    os.environ["DATABASE_URL"] = database.engine.url.render_as_string(hide_password=False)
    yield
    os.environ.clear()
    os.environ.update(saved)


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """The entry points' logs.configure() replaces the root logger's handlers, pytest's own
    included: put them back."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.mark.usefixtures("environment", "restore_logging")
def test_the_development_server_serves_the_app_on_loopback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    os.environ["PORT"] = "0"  # Any free port: the server's address says which.
    started = threading.Event()
    servers: list[WSGIServer] = []

    def make_server(
        host: str, port: int, app: WSGIApplication, handler_class: type[WSGIRequestHandler]
    ) -> WSGIServer:
        server = wsgiref.simple_server.make_server(host, port, app, handler_class=handler_class)
        servers.append(server)
        started.set()
        return server

    monkeypatch.setattr(development, "make_server", make_server)
    thread = threading.Thread(target=development.main)
    thread.start()
    try:
        assert started.wait(10)
        host, port = servers[0].server_address[:2]
        assert host == "127.0.0.1"
        connection = HTTPConnection(host, port, timeout=5)
        connection.request("GET", "/health")
        response = connection.getresponse()
        assert (response.status, json.load(response)) == (200, {"status": "ok"})
        connection.close()
    finally:
        if servers:
            servers[0].shutdown()
        thread.join(10)
    assert not thread.is_alive()
    # The app logs the request (middleware.RequestLog); wsgiref's own access line is silenced.
    assert '"GET /health HTTP/1.1"' not in capsys.readouterr().err


class FailingResource:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> NoReturn:
        raise RuntimeError("a bug")


@pytest.mark.usefixtures("environment", "restore_logging")
def test_the_production_module_reports_each_unexpected_error_once() -> None:
    with sentry_endpoint() as endpoint:
        os.environ["SENTRY_DSN"] = endpoint.dsn
        try:
            wsgi = importlib.import_module("{{ cookiecutter.project_slug }}.wsgi")
            wsgi.app.add_route("/failing", FailingResource())
            client = TestClient(wsgi.app)
            assert client.simulate_get("/health").json == {"status": "ok"}
            assert client.simulate_get("/failing").status_code == 500
            events = endpoint.events()
        finally:
            sentry_sdk.get_client().close()
            sentry_sdk.get_global_scope().set_client(None)
            unignore_logger(problems.logger.name)
    [event] = events
    [exception] = event["exception"]["values"]
    assert (exception["type"], exception["mechanism"]["type"]) == ("RuntimeError", "falcon")


def test_a_refused_body_is_still_read_to_its_end(client: TestClient) -> None:
    """Granian keeps the connection open only when the app has read the whole body."""
    body = io.BytesIO(b" " * (2 * MAX_BODY_BYTES))
    response = client.simulate_post(
        "/api/items",
        headers={"Content-Type": "application/json", "Content-Length": str(len(body.getvalue()))},
        # As Granian sets it: the stream ends with the body.
        extras={"wsgi.input": body, "wsgi.input_terminated": True},
    )
    assert response.status_code == 413
    assert body.tell() == len(body.getvalue())


def test_an_endless_body_is_read_no_further_than_the_bound(client: TestClient) -> None:
    """Past MAX_UNREAD_BODY_BYTES the server closes the connection instead."""
    body = io.BytesIO(b" " * (MAX_UNREAD_BODY_BYTES + MAX_BODY_BYTES))
    response = client.simulate_post(
        "/api/items",
        headers={"Content-Type": "application/json", "Content-Length": str(len(body.getvalue()))},
        extras={"wsgi.input": body, "wsgi.input_terminated": True},
    )
    assert response.status_code == 413
    assert body.tell() == MAX_UNREAD_BODY_BYTES
