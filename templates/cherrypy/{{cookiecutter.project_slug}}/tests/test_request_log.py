"""Each answer names its request in X-Request-ID, and leaves one access line with that id."""

import logging
import socket
import time
from typing import Any

import httpx
import pytest

from .log_capture import capture_access_lines


@pytest.fixture
def logged(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """The access lines and the warnings, stamped with their request's id as logs.py does."""
    return capture_access_lines(caplog)


def access_record(logged: pytest.LogCaptureFixture, path: str) -> logging.LogRecord:
    """The one record about `path`; the server thread writes it once the answer is sent."""
    deadline = time.monotonic() + 5
    while "access" not in {record.name for record in logged.records}:
        assert time.monotonic() < deadline, "no access line"
        time.sleep(0.01)
    # CherryPy's own access line stops short of the root logger (see mount()), but pytest
    # captures such loggers too.
    records = [record for record in logged.records if not record.name.startswith("cherrypy.")]
    [record] = [record for record in records if path in record.getMessage()]
    assert record.name == "access"
    return record


def fields(record: logging.LogRecord, *names: str) -> dict[str, Any]:
    return {name: getattr(record, name) for name in names}


def test_a_request_id_is_sent_back_and_logged_once(
    client: httpx.Client, logged: pytest.LogCaptureFixture
) -> None:
    response = client.get("/api/items/123456", headers={"X-Request-ID": "req-42"})
    assert response.status_code == 404
    assert response.headers["X-Request-ID"] == "req-42"
    record = access_record(logged, "/api/items/123456")
    assert fields(record, "request_id", "method", "path", "status", "client") == {
        "request_id": "req-42",
        "method": "GET",
        "path": "/api/items/123456",
        "status": 404,
        "client": "127.0.0.1",
    }
    assert fields(record, "duration_ms")["duration_ms"] >= 0


def test_an_answer_before_routing_gets_a_new_id_and_its_line(
    live_url: str, logged: pytest.LogCaptureFixture
) -> None:
    # CherryPy refuses a request without Host before it finds the handler and its tools.
    url = httpx.URL(live_url)
    with socket.create_connection((url.host, url.port)) as connection:
        request = b"GET /greet HTTP/1.1\r\nX-Request-ID: not safe\r\nConnection: close\r\n\r\n"
        connection.sendall(request)
        head = connection.makefile("rb").read().partition(b"\r\n\r\n")[0].decode()
    assert head.startswith("HTTP/1.1 400 ")
    record = access_record(logged, "/greet")
    assert fields(record, "method", "status") == {"method": "GET", "status": 400}
    request_id = fields(record, "request_id")["request_id"]
    assert request_id != "not safe"
    assert f"x-request-id: {request_id}\r\n" in head.lower()  # A new id is lower-case hex.
