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


def test_a_preflight_has_its_line_too(web: TestApp, caplog: pytest.LogCaptureFixture) -> None:
    headers = {"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "PUT"}
    web.options("/api/items", headers=headers, status=204)
    [line] = access_lines(caplog)
    assert (line["method"], line["path"], line["status"]) == ("OPTIONS", "/api/items", 204)
