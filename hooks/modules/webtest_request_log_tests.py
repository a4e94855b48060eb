"""One access line per request, with the status the client got and the request's id, through
WebTest on the `web` fixture (the same tests for every framework tested through WebTest)."""

import pytest
from webtest import TestApp

from .log_capture import access_lines, capture_access_lines


@pytest.fixture
def caplog(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """pytest's caplog with the access lines, stamped with the request's id as logs.py's
    handler stamps them in production."""
    return capture_access_lines(caplog)


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("GET", "/health", 200), ("GET", "/nothing", 404), ("PATCH", "/api/items", 405)],
)
def test_one_access_line_with_the_final_status(
    web: TestApp, caplog: pytest.LogCaptureFixture, method: str, path: str, status: int
) -> None:
    answer = web.request(path, method=method, headers={"X-Request-ID": "r-1"}, status=status)
    [line] = access_lines(caplog)
    assert (line["method"], line["path"], line["status"]) == (method, path, status)
    assert answer.headers["X-Request-ID"] == "r-1"


def test_the_line_names_the_request_its_client_and_its_duration(
    web: TestApp, caplog: pytest.LogCaptureFixture
) -> None:
    response = web.get(
        "/api/items/999999",
        headers={"X-Request-ID": "req-42"},
        extra_environ={"REMOTE_ADDR": "127.0.0.1"},
        status=404,
    )
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


@pytest.mark.parametrize("origin", ["allowed", "https://elsewhere.example"])
def test_a_preflight_has_its_id_and_its_line_too(
    web: TestApp, allowed_origin: str, caplog: pytest.LogCaptureFixture, origin: str
) -> None:
    """Answered before any view, allowed or not: the request log is over what answers it."""
    headers = {
        "Origin": allowed_origin if origin == "allowed" else origin,
        "Access-Control-Request-Method": "PUT",
    }
    response = web.options("/api/items", headers=headers, status=204)
    [line] = access_lines(caplog)
    assert (line["request_id"], line["method"], line["path"], line["status"]) == (
        response.headers["X-Request-ID"],
        "OPTIONS",
        "/api/items",
        204,
    )
