"""Each request's id and access line (lib/request_log.py's application wrapper), through
WebTest."""

import pytest
import webtest

from .log_capture import access_lines, capture_access_lines


@pytest.fixture
def caplog(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """pytest's caplog with the access lines (test.ini logs only warnings), stamped with
    the request's id as logs.py's handler stamps them in production."""
    return capture_access_lines(caplog)


def test_a_request_is_logged_once_with_its_id(
    testapp: webtest.TestApp, caplog: pytest.LogCaptureFixture
) -> None:
    response = testapp.get(
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


def test_a_preflight_gets_an_id_and_a_line_too(
    testapp: webtest.TestApp, allowed_origin: str, caplog: pytest.LogCaptureFixture
) -> None:
    # The CORS wrapper answers it before any controller: the request log's is over it.
    headers = {"Origin": allowed_origin, "Access-Control-Request-Method": "POST"}
    response = testapp.options("/api/items", headers=headers, status=204)
    [line] = access_lines(caplog)
    assert (line["request_id"], line["method"], line["status"]) == (
        response.headers["X-Request-ID"],
        "OPTIONS",
        204,
    )
