"""Each request's id and its access line (middleware.RequestLog), and the log of a 500."""

import pytest
from falcon.testing import TestClient

from {{ cookiecutter.project_slug }}.database import Database

from .log_capture import capture_access_lines


@pytest.fixture
def log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """caplog, its records stamped with their request's id as the service's handler does."""
    return capture_access_lines(caplog)


def test_a_request_gets_its_id_back_and_one_access_line(
    client: TestClient, log: pytest.LogCaptureFixture
) -> None:
    response = client.simulate_get("/api/items/12345", headers={"X-Request-ID": "req-42"})
    assert response.status_code == 404
    assert response.headers["X-Request-ID"] == "req-42"
    [access] = [record for record in log.records if record.name == "access"]
    assert access.request_id == "req-42"  # type: ignore[attr-defined]
    fields = {name: getattr(access, name) for name in ("method", "path", "status", "client")}
    expected = {"method": "GET", "path": "/api/items/12345", "status": 404, "client": "127.0.0.1"}
    assert fields == expected


def test_an_unexpected_error_is_logged_once_with_its_traceback(
    client: TestClient,
    database: Database,
    log: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(database, "outside_transactions", "not an engine")
    response = client.simulate_get("/health")
    assert response.status_code == 500
    request_id = response.headers["X-Request-ID"]
    [error] = [record for record in log.records if record.exc_info]
    assert error.request_id == request_id  # type: ignore[attr-defined]
    [access] = [record for record in log.records if record.name == "access"]
    assert (access.status, access.request_id) == (500, request_id)  # type: ignore[attr-defined]
