"""What a request leaves for the operators besides its log lines: the report of an unexpected
error{% if cookiecutter.observability == "opentelemetry" %}, and its spans and metrics{% endif %}."""

{% if cookiecutter.observability == "opentelemetry" %}import socket
{% endif %}from typing import NoReturn
{% if cookiecutter.observability == "opentelemetry" %}
import httpx
from opentelemetry.proto.trace.v1.trace_pb2 import Status
{%- endif %}
from sanic import Request
{%- if cookiecutter.observability == "opentelemetry" %}
from sqlalchemy.engine import URL
{%- endif %}

{% if cookiecutter.observability == "opentelemetry" %}from {{ cookiecutter.project_slug }}.app import create_app
from {{ cookiecutter.project_slug }}.config import ServiceConfig
{% endif %}from {{ cookiecutter.project_slug }}.context import ServiceApp
{% if cookiecutter.observability == "opentelemetry" %}
from .conftest import BackgroundServer
from .otlp_receiver import OtlpReceiver, ReceivedSpan, database_spans
{% else %}
{% endif %}from .sentry_endpoint import SentryEndpoint
{% if cookiecutter.observability == "opentelemetry" %}from .telemetry_fixtures import flush_telemetry
{% endif %}

async def test_an_unexpected_error_is_reported_with_its_request_id(
    app: ServiceApp, reported_errors: SentryEndpoint
) -> None:
    @app.get("/failing")
    async def fail(_request: Request) -> NoReturn:
        raise RuntimeError("a bug")

    _, response = await app.asgi_client.get("/failing", headers={"X-Request-ID": "req-500"})
    assert response.status == 500
    # Once: by Sentry's Sanic integration, not again from the error's log line.
    [event] = reported_errors.events()
    [exception] = event["exception"]["values"]
    assert (exception["type"], exception["value"]) == ("RuntimeError", "a bug")
    assert exception["mechanism"]["type"] == "sanic"
    assert event["tags"]["request_id"] == "req-500"
{%- if cookiecutter.observability == "opentelemetry" %}


def test_a_request_is_traced_with_its_route_and_its_statements(
    config: ServiceConfig, api_token: str, exported: OtlpReceiver
) -> None:
    """On Sanic's server, as in production: an app created while the telemetry is on traces
    its requests, in the trace the caller's headers continue, and their statements."""
    trace_id, caller_span_id = "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"
    server = BackgroundServer(create_app(config=config))
    try:
        with httpx.Client(base_url=server.url) as client:
            authorization = {"Authorization": f"Bearer {api_token}"}
            created = client.post("/api/items", json={"name": "traced"}, headers=authorization)
            traceparent = {"traceparent": f"00-{trace_id}-{caller_span_id}-01"}
            response = client.get(created.headers["Location"], headers=traceparent)
    finally:
        server.stop()
    assert response.status_code == 200
    flush_telemetry()

    def reads() -> list[ReceivedSpan]:
        return [span for span in exported.server_spans() if span.span.name.startswith("GET")]

    assert exported.wait_for(lambda: bool(reads()))
    [server_span] = reads()
    assert server_span.span.name == "GET /api/items/<item_id:int>"
    assert server_span.attributes["http.route"] == "/api/items/<item_id:int>"
    assert server_span.status_code == 200
    assert server_span.span.trace_id.hex() == trace_id
    assert server_span.span.parent_span_id.hex() == caller_span_id
    assert database_spans(exported.descendants(server_span))
    assert exported.wait_for(lambda: bool(exported.request_counts()))


async def test_a_5xx_is_an_error_of_its_span_and_a_4xx_is_not(
    app: ServiceApp, exported: OtlpReceiver
) -> None:
    """The `app` fixture's app is made once the session's telemetry is on: it is traced."""

    @app.get("/failing")
    async def fail(_request: Request) -> NoReturn:
        raise RuntimeError("a bug")

    _, failed = await app.asgi_client.get("/failing")
    _, not_found = await app.asgi_client.get("/nowhere")
    assert (failed.status, not_found.status) == (500, 404)
    flush_telemetry()
    assert exported.wait_for(lambda: len(exported.server_spans()) == 2)
    spans = {span.status_code: span for span in exported.server_spans()}
    assert spans[500].span.name == "GET /failing"
    assert spans[500].span.status.code == Status.STATUS_CODE_ERROR
    assert spans[500].attributes["error.type"] == "RuntimeError"
    assert [event.name for event in spans[500].span.events] == ["exception"]
    # No route matched: the span is named after the method alone.
    assert spans[404].span.name == "GET"
    assert "http.route" not in spans[404].attributes
    assert spans[404].span.status.code == Status.STATUS_CODE_UNSET


def test_an_answer_sanic_gives_without_the_request_middleware_is_traced_too(
    database_url: URL, exported: OtlpReceiver
) -> None:
    """Sanic answers a request whose body stalls past RESPONSE_TIMEOUT with a 503, and runs
    only the response middleware: the span starts there."""
    config = ServiceConfig(database_url)
    config.RESPONSE_TIMEOUT = 1
    server = BackgroundServer(create_app(config=config))
    head = b"POST /api/items HTTP/1.1\r\nHost: test\r\nContent-Length: 100\r\n\r\n{"
    try:
        url = httpx.URL(server.url)
        with socket.create_connection((url.host, url.port)) as client:
            client.sendall(head)
            status_line = client.recv(4096).partition(b"\r\n")[0]
    finally:
        server.stop()
    assert status_line == b"HTTP/1.1 503 Service Unavailable"
    flush_telemetry()
    assert exported.wait_for(lambda: bool(exported.server_spans()))
    [span] = exported.server_spans()
    assert (span.span.name, span.status_code) == ("POST /api/items", 503)
{%- endif %}
