"""Each request's id and its access line (request_log.py), and the log of a 500."""

import httpx
import pytest
from sanic import Request

from {{ cookiecutter.project_slug }}.context import ServiceApp

from .conftest import BackgroundServer
from .log_capture import capture_access_lines


@pytest.fixture
def log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """caplog, its records stamped with their request's id as the service's handler does."""
    return capture_access_lines(caplog)


def test_a_request_gets_its_id_back_and_one_access_line(
    live_server: BackgroundServer, log: pytest.LogCaptureFixture
) -> None:
    # Over a socket, for the client's address (sanic-testing's ASGI client has none).
    url = f"{live_server.url}/api/items/12345"
    response = httpx.get(url, headers={"X-Request-ID": "req-42"})
    assert response.status_code == 404
    assert response.headers["X-Request-ID"] == "req-42"
    [access] = [record for record in log.records if record.name == "access"]
    assert access.request_id == "req-42"  # type: ignore[attr-defined]
    fields = {name: getattr(access, name) for name in ("method", "path", "status", "client")}
    expected = {"method": "GET", "path": "/api/items/12345", "status": 404, "client": "127.0.0.1"}
    assert fields == expected


async def test_an_unexpected_error_is_logged_once_with_its_traceback(
    app: ServiceApp, log: pytest.LogCaptureFixture
) -> None:
    @app.get("/fail")
    async def fail(_request: Request) -> None:
        raise RuntimeError("the failure")

    _, response = await app.asgi_client.get("/fail")
    assert response.status == 500
    request_id = response.headers["X-Request-ID"]
    [error] = [record for record in log.records if record.exc_info]
    assert error.request_id == request_id  # type: ignore[attr-defined]
    [access] = [record for record in log.records if record.name == "access"]
    assert (access.status, access.request_id) == (500, request_id)  # type: ignore[attr-defined]
