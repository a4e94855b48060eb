"""Each answer names its request in X-Request-ID, and leaves one access line with that id."""

import logging
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
    [record] = [record for record in logged.records if path in record.getMessage()]
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
    # Tornado's own line about the 404 is left out: the access line reports it.
    record = access_record(logged, "/api/items/123456")
    assert fields(record, "request_id", "method", "path", "status", "client") == {
        "request_id": "req-42",
        "method": "GET",
        "path": "/api/items/123456",
        "status": 404,
        "client": "127.0.0.1",
    }
    assert fields(record, "duration_ms")["duration_ms"] >= 0


def test_an_answer_before_prepare_gets_a_new_id_and_its_line(
    client: httpx.Client, logged: pytest.LogCaptureFixture
) -> None:
    # Tornado answers an unknown method with a 405 before the handler's prepare() runs.
    response = client.request("BREW", "/health", headers={"X-Request-ID": "not safe"})
    assert response.status_code == 405
    request_id = response.headers["X-Request-ID"]
    assert request_id != "not safe"
    record = access_record(logged, "/health")
    assert fields(record, "request_id", "method", "status") == {
        "request_id": request_id,
        "method": "BREW",
        "status": 405,
    }
