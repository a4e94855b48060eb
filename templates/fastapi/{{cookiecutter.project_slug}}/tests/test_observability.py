"""What a request leaves for the operators besides its log lines: the report of an unexpected
error{% if cookiecutter.observability == "opentelemetry" %}, and its spans and metrics{% endif %}."""

from starlette.testclient import TestClient

from {{ cookiecutter.project_slug }}.config import Settings
from {{ cookiecutter.project_slug }}.main import create_app

{% if cookiecutter.observability == "opentelemetry" -%}
from .otlp_receiver import OtlpReceiver, ReceivedSpan, database_spans
{% endif -%}
from .sentry_endpoint import SentryEndpoint
{%- if cookiecutter.observability == "opentelemetry" %}
from .telemetry_fixtures import flush_telemetry
{%- endif %}


def test_an_unexpected_error_is_reported_once_with_its_request_id(
    settings: Settings, reported_errors: SentryEndpoint
) -> None:
    failing = create_app(settings)

    @failing.get("/failing")
    def fail() -> None:
        raise RuntimeError("a bug")

    with TestClient(failing) as client:
        response = client.get("/failing", headers={"X-Request-ID": "req-500"})
    assert response.status_code == 500
    # One event: Sentry's Starlette integration (FastAPI's extends it) reports the error with
    # its request, and the request log's line of the same error adds none.
    [event] = reported_errors.events()
    [exception] = event["exception"]["values"]
    assert (exception["type"], exception["value"]) == ("RuntimeError", "a bug")
    assert exception["mechanism"]["type"] == "starlette"
    assert event["request"]["url"] == "http://testserver/failing"
    assert event["tags"]["request_id"] == response.headers["X-Request-ID"] == "req-500"
{%- if cookiecutter.observability == "opentelemetry" %}


def test_a_request_is_traced_with_its_route_and_its_statements(
    client: TestClient, exported: OtlpReceiver
) -> None:
    """The telemetry is on before the client's app starts: FastAPI traces the requests, and
    the engine its lifespan opens traces the statements."""
    location = client.post("/api/items", json={"name": "traced"}).headers["Location"]
    response = client.get(location)
    assert response.status_code == 200
    flush_telemetry()

    def reads() -> list[ReceivedSpan]:
        return [
            span
            for span in exported.server_spans()
            if span.attributes["http.request.method"] == "GET"
            and span.attributes["url.path"] == location
        ]

    assert exported.wait_for(lambda: bool(reads()))
    [server] = reads()
    assert server.attributes["http.route"] == "/api/items/{id}"
    assert server.status_code == 200
    assert database_spans(exported.descendants(server))
    assert exported.wait_for(lambda: bool(exported.request_counts()))
{%- endif %}
