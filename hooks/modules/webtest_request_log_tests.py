"""One access line per request, with the status the client got and the request's id, through
WebTest on the `web` fixture (the same tests for every framework tested through WebTest)."""

import logging

import pytest
from webtest import TestApp


def access_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "access"]


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("GET", "/health", 200), ("GET", "/nothing", 404), ("PATCH", "/api/items", 405)],
)
def test_one_access_line_with_the_final_status(
    web: TestApp, caplog: pytest.LogCaptureFixture, method: str, path: str, status: int
) -> None:
    with caplog.at_level(logging.INFO, logger="access"):
        answer = web.request(path, method=method, headers={"X-Request-ID": "r-1"}, status=status)
    [line] = access_lines(caplog)
    assert line.getMessage().startswith(f"{method} {path} {status} ")
    assert answer.headers["X-Request-ID"] == "r-1"


def test_a_preflight_has_its_line_too(web: TestApp, caplog: pytest.LogCaptureFixture) -> None:
    headers = {"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "PUT"}
    with caplog.at_level(logging.INFO, logger="access"):
        web.options("/api/items", headers=headers, status=204)
    [line] = access_lines(caplog)
    assert line.getMessage().startswith("OPTIONS /api/items 204 ")
