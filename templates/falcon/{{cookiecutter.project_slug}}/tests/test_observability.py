"""What a request leaves for the operators besides its log lines: the report of an unexpected
error{% if cookiecutter.observability == "opentelemetry" %}, and its spans and metrics{% endif %}."""

from typing import NoReturn

import falcon
from falcon.testing import TestClient

from {{ cookiecutter.project_slug }}.app import create_app
from {{ cookiecutter.project_slug }}.config import Settings
from {{ cookiecutter.project_slug }}.database import Database
{%- if cookiecutter.observability == "opentelemetry" %}
from {{ cookiecutter.project_slug }}.models import Item
{%- endif %}

{% if cookiecutter.observability == "opentelemetry" -%}
from .otlp_receiver import OtlpReceiver, ReceivedSpan, database_spans
{% endif -%}
from .sentry_endpoint import SentryEndpoint
{%- if cookiecutter.observability == "opentelemetry" %}
from .telemetry_fixtures import flush_telemetry
{%- endif %}


class FailingResource:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> NoReturn:
        raise RuntimeError("a bug")


def test_an_unexpected_error_is_reported_once_with_its_request_id(
    database: Database, settings: Settings, reported_errors: SentryEndpoint
) -> None:
    # A new app: Sentry's middleware joins the apps created once the reports started.
    failing = create_app(database, settings)
    failing.add_route("/failing", FailingResource())
    response = TestClient(failing).simulate_get("/failing", headers={"X-Request-ID": "req-500"})
    assert response.status_code == 500
    # One event, Falcon's: the error handler's log line of the same error is not a second one.
    [event] = reported_errors.events()
    [exception] = event["exception"]["values"]
    assert (exception["type"], exception["value"]) == ("RuntimeError", "a bug")
    assert exception["mechanism"]["type"] == "falcon"
    assert event["tags"]["request_id"] == response.headers["X-Request-ID"] == "req-500"
    assert event["transaction"] == "/failing"
{%- if cookiecutter.observability == "opentelemetry" %}


def test_a_request_is_traced_with_its_route_and_its_statements(
    database: Database, settings: Settings, exported: OtlpReceiver
) -> None:
    """An app created while the telemetry is on is instrumented, its database engine too."""
    with database.sessions() as session:
        item = Item(name="traced")
        session.add(item)
        session.commit()
    traced = TestClient(create_app(database, settings))
    # In a trace of its own, as a caller's traceparent header starts it: spans that earlier
    # tests left in the exporter's batch may arrive too.
    trace_id = "4bf92f3577b34da6a3ce929d0e0e4736"
    traceparent = f"00-{trace_id}-00f067aa0ba902b7-01"
    response = traced.simulate_get(f"/api/items/{item.id}", headers={"traceparent": traceparent})
    assert response.status_code == 200
    flush_telemetry()

    def server_spans() -> list[ReceivedSpan]:
        return [span for span in exported.server_spans() if span.span.trace_id.hex() == trace_id]

    assert exported.wait_for(lambda: bool(server_spans()))
    [server] = server_spans()
    assert server.attributes["http.route"] == "/api/items/{item_id:int}"
    assert server.status_code == 200
    assert database_spans(exported.descendants(server))
    assert exported.wait_for(lambda: bool(exported.request_counts()))
{%- endif %}
