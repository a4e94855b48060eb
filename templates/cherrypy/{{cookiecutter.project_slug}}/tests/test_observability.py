"""What a request leaves for the operators besides its log lines: the report of an unexpected
error{% if cookiecutter.observability == "opentelemetry" %}, and its spans and metrics{% endif %}."""

{% if cookiecutter.observability == "opentelemetry" -%}
import secrets

{% endif -%}
import httpx
import pytest

from {{ cookiecutter.project_slug }}.database import SAEnginePlugin

{% if cookiecutter.observability == "opentelemetry" -%}
from .otlp_receiver import OtlpReceiver, ReceivedSpan, database_spans
{% endif -%}
from .sentry_endpoint import SentryEndpoint
{%- if cookiecutter.observability == "opentelemetry" %}
from .telemetry_fixtures import flush_telemetry
{%- endif %}


def test_an_unexpected_error_is_reported_with_its_request_id(
    client: httpx.Client,
    database: SAEnginePlugin,
    monkeypatch: pytest.MonkeyPatch,
    reported_errors: SentryEndpoint,
) -> None:
    """Sentry has no CherryPy integration: CherryPy logs the error with its traceback, and the
    SDK's logging integration reports that record."""
    monkeypatch.setattr(database, "outside_transactions", "not an engine")
    response = client.get("/health", headers={"X-Request-ID": "req-500"})
    assert response.status_code == 500
    [event] = reported_errors.events()
    [exception] = event["exception"]["values"]
    assert (exception["type"], exception["value"]) == (
        "AttributeError",
        "'str' object has no attribute 'connect'",
    )
    assert exception["mechanism"]["type"] == "logging"
    assert event["logger"].startswith("cherrypy.error")
    assert exception["stacktrace"]["frames"][-1]["function"] == "migrated_connection"
    assert event["tags"]["request_id"] == "req-500"
{%- if cookiecutter.observability == "opentelemetry" %}


def traced_get(
    client: httpx.Client, exported: OtlpReceiver, path: str
) -> tuple[httpx.Response, ReceivedSpan]:
    """GET `path` as a caller in a trace of its own; the answer and the span that continued it."""
    trace_id = secrets.token_hex(16)
    caller = {"traceparent": f"00-{trace_id}-{secrets.token_hex(8)}-01"}
    response = client.get(path, headers=caller)
    flush_telemetry()

    def continued() -> list[ReceivedSpan]:
        return [span for span in exported.server_spans() if span.span.trace_id.hex() == trace_id]

    # The server thread ends the span just after it sends the answer: a later batch may bring it.
    assert exported.wait_for(lambda: bool(continued()))
    [span] = continued()
    return response, span


def test_a_request_is_traced_with_its_route_and_its_statements(
    client: httpx.Client, exported: OtlpReceiver
) -> None:
    """The session's server is instrumented (conftest.live_url): one span per request, named
    after its route, with the statements' spans beneath it, and the request metrics."""
    created = client.post("/api/items", json={"name": "traced"})
    response, server = traced_get(client, exported, created.headers["Location"])
    assert response.status_code == 200
    assert server.attributes["http.route"] == "/api/items/{item_id}"
    assert server.span.name == "GET /api/items/{item_id}"
    assert server.status_code == 200
    assert database_spans(exported.descendants(server))
    assert exported.wait_for(lambda: bool(exported.request_counts()))


@pytest.mark.parametrize(
    ("path", "route"),
    [
        ("/", "/"),
        ("/greet/Ada", "/greet/{name}"),
        ("/add?a=1&b=2", "/add"),
        ("/api/items", "/api/items"),
        ("/api/items/123456", "/api/items/{item_id}"),
        ("/no/such/page", None),
    ],
)
def test_a_span_names_the_route_that_answered(
    client: httpx.Client, exported: OtlpReceiver, path: str, route: str | None
) -> None:
    """The path segments that became the handler's arguments are named, the query's are not
    part of it; a path that no handler answers has no route."""
    _, server = traced_get(client, exported, path)
    assert server.attributes.get("http.route") == route
{%- endif %}
