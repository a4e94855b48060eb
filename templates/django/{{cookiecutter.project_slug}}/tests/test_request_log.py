"""Each request's id and access line (request_log.py), through Django's test client."""

import pytest
from django.test import Client

from .log_capture import access_lines


@pytest.mark.django_db
def test_a_request_is_logged_once_with_its_id(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    response = client.get("/api/items/999999", headers={"X-Request-ID": "req-42"})
    assert response.status_code == 404
    assert response["X-Request-ID"] == "req-42"
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
    client: Client, allowed_origin: str, caplog: pytest.LogCaptureFixture
) -> None:
    # CorsMiddleware answers it before any view: the request log middleware wraps it.
    response = client.options(
        "/api/items",
        headers={"Origin": allowed_origin, "Access-Control-Request-Method": "POST"},
    )
    assert response.status_code == 200
    [line] = access_lines(caplog)
    assert (line["request_id"], line["method"], line["status"]) == (
        response["X-Request-ID"],
        "OPTIONS",
        200,
    )
