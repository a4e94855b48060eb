"""What a request leaves for the operators besides its log lines: the report of an unexpected
error{% if cookiecutter.observability == "opentelemetry" %}, and its spans and metrics{% endif %}."""

{% if cookiecutter.observability == "opentelemetry" and cookiecutter.database == "postgresql" -%}
import os
{% endif -%}
from typing import NoReturn

from masonite.controllers import Controller
from masonite.routes import Route

{% if cookiecutter.observability == "opentelemetry" -%}
from app.models.Item import Item
from app.telemetry import instrument
{% endif -%}
from tests.TestCase import TestCase

{% if cookiecutter.observability == "opentelemetry" -%}
from .otlp_receiver import OtlpReceiver, ReceivedSpan, database_spans
{% endif -%}
from .sentry_endpoint import SentryEndpoint
{%- if cookiecutter.observability == "opentelemetry" %}
from .telemetry_fixtures import flush_telemetry
{%- endif %}


class FailingController(Controller):  # type: ignore[misc]
    def show(self) -> NoReturn:
        raise RuntimeError("a bug")


class TestErrorReports(TestCase):
    def test_an_unexpected_error_is_reported_once_with_its_request_id(self) -> None:
        reported_errors: SentryEndpoint = self.fixture("reported_errors")
        self.addRoutes(Route.get("/failing", FailingController.show))
        self.withHeaders({"X-Request-ID": "req-500"})
        failed = self.get("/failing").assertError()
        failed.assertJsonPath("detail", "The server could not answer the request.")
        # One event: the exception handler's log line of the error (app/problems.py).
        [event] = reported_errors.events()
        [exception] = event["exception"]["values"]
        assert (exception["type"], exception["value"]) == ("RuntimeError", "a bug")
        assert event["tags"]["request_id"] == "req-500"
{%- if cookiecutter.observability == "opentelemetry" %}


class TestTelemetry(TestCase):
    def test_a_request_is_traced_with_its_route_and_its_statements(self) -> None:
        exported: OtlpReceiver = self.fixture("exported")
        instrument(self.application)
        item = Item.create({"name": "traced"})
        # In a trace of its own, as a caller's traceparent header starts it: spans that earlier
        # tests left in the exporter's batch may arrive too.
        trace_id = "4bf92f3577b34da6a3ce929d0e0e4736"
        self.withHeaders({"traceparent": f"00-{trace_id}-00f067aa0ba902b7-01"})
        self.get(f"/api/items/{item.id}").assertOk()
        flush_telemetry()

        def server_spans() -> list[ReceivedSpan]:
            spans = exported.server_spans()
            return [span for span in spans if span.span.trace_id.hex() == trace_id]

        assert exported.wait_for(lambda: bool(server_spans()))
        [server] = server_spans()
        assert server.attributes["http.route"] == "/api/items/@item_id:int"
        assert server.status_code == 200
{%- if cookiecutter.database == "postgresql" %}
        # The telemetry instruments psycopg: on the tests' default SQLite file (no
        # TEST_DATABASE_URL) the statements leave no spans.
        if os.environ["DATABASE_URL"].startswith("postgres"):
            assert database_spans(exported.descendants(server))
{%- else %}
        assert database_spans(exported.descendants(server))
{%- endif %}
        assert exported.wait_for(lambda: bool(exported.request_counts()))
{%- endif %}
