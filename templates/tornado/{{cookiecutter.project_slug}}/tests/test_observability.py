"""What a request leaves for the operators besides its log lines: the report of an unexpected
error{% if cookiecutter.observability == "opentelemetry" %}, and its spans and metrics{% endif %}."""

from typing import NoReturn

import httpx
import pytest
import sentry_sdk
{% if cookiecutter.observability == "opentelemetry" -%}
from opentelemetry import trace
{% endif -%}
from sqlalchemy.orm import Session

{% if cookiecutter.observability == "opentelemetry" -%}
from {{ cookiecutter.project_slug }}.config import Settings
{% endif -%}
from {{ cookiecutter.project_slug }}.handlers import items
from {{ cookiecutter.project_slug }}.server import send_pending

{% if cookiecutter.observability == "opentelemetry" -%}
from .conftest import BackgroundServer
from .otlp_receiver import OtlpReceiver, ReceivedSpan, database_spans
{% endif -%}
from .sentry_endpoint import SentryEndpoint
{%- if cookiecutter.observability == "opentelemetry" %}
from .telemetry_fixtures import flush_telemetry
{%- endif %}


def test_an_unexpected_error_is_reported_with_its_request_id(
    client: httpx.Client, reported_errors: SentryEndpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_item(session: Session, item_id: str) -> NoReturn:
        raise RuntimeError("a bug")

    # A bug in a unit of work: raised on a database thread, it fails the request.
    monkeypatch.setattr(items, "read_item", read_item)
    response = client.get("/api/items/1", headers={"X-Request-ID": "req-500"})
    assert response.status_code == 500
    [event] = reported_errors.events()
    [exception] = event["exception"]["values"]
    assert (exception["type"], exception["value"]) == ("RuntimeError", "a bug")
    assert exception["mechanism"]["type"] == "tornado"
    assert event["tags"]["request_id"] == "req-500"


def test_a_stopping_process_sends_the_reports_it_holds(reported_errors: SentryEndpoint) -> None:
    sentry_sdk.capture_message("the last words")
    send_pending(reporting=True)
    # Sent by now: the process exits next, without the SDK's exit hook.
    assert [event["message"] for event in reported_errors.received] == ["the last words"]
{%- if cookiecutter.observability == "opentelemetry" %}


def test_a_request_is_traced_with_its_route_and_its_statements(
    settings: Settings, api_token: str, exported: OtlpReceiver
) -> None:
    """A Service created while the telemetry is on is instrumented, its database engine too
    (the process's first: production makes one a process)."""
    traced = BackgroundServer(settings)
    headers = {"Authorization": f"Bearer {api_token}"}
    try:
        with httpx.Client(base_url=traced.url, headers=headers, timeout=10) as client:
            created = client.post("/api/items", json={"name": "traced"})
            response = client.get(created.headers["Location"])
            assert client.get("/nowhere").status_code == 404
    finally:
        traced.stop()
    assert response.status_code == 200
    flush_telemetry()

    def answered(status: int) -> list[ReceivedSpan]:
        return [span for span in exported.server_spans() if span.status_code == status]

    assert exported.wait_for(lambda: bool(answered(200) and answered(404)))
    [server] = answered(200)
    assert server.attributes["http.route"] == "/api/items/([0-9]+)"
    statements = database_spans(exported.descendants(server))
    assert any(span.span.name.startswith("SELECT") for span in statements), statements
    # No route took the request: no route is made up for it.
    [not_found] = answered(404)
    assert "http.route" not in not_found.attributes
    assert exported.wait_for(lambda: bool(exported.request_counts()))


def test_a_stopping_process_sends_the_spans_it_holds(exported: OtlpReceiver) -> None:
    with trace.get_tracer(__name__).start_as_current_span("the last span"):
        pass
    send_pending(reporting=False)
    assert "the last span" in [span.span.name for span in exported.spans]
{%- endif %}
