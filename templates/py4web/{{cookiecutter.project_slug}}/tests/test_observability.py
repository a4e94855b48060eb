"""What a request leaves for the operators besides its access line: for an unexpected error, a
problem-details 500, one log line with its traceback and one report
{%- if cookiecutter.observability == "opentelemetry" %}; its spans and metrics{% endif %}."""

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from py4web import action
{%- if cookiecutter.observability == "opentelemetry" %}
from pydal.connection import ConnectionPool
{%- endif %}
from webtest import TestApp

from {{ cookiecutter.project_slug }}.migrate import app_module
{%- if cookiecutter.observability == "opentelemetry" %}
from {{ cookiecutter.project_slug }}.tracing import instrument
{%- endif %}

{% if cookiecutter.observability == "opentelemetry" -%}
from .otlp_receiver import OtlpReceiver, database_spans
{% endif -%}
from .sentry_endpoint import SentryEndpoint
{%- if cookiecutter.observability == "opentelemetry" %}
from .telemetry_fixtures import flush_telemetry
{%- endif %}


@pytest.fixture(scope="module")
def broken(app: Any) -> Iterator[TestApp]:
    """The app with two actions of the tests' own: one with a bug, one whose database fails."""
    common = app_module("common")
    driver = common.db._adapter.driver

    def bug() -> str:
        raise RuntimeError("a bug")

    def locked() -> str:
        raise driver.OperationalError("the database is locked")

    for path, function in (("broken", bug), ("unavailable", locked)):
        action(path, method="GET")(action.uses(common.problem_details, common.db)(function))
    yield TestApp(app)


def test_an_unexpected_error_is_a_logged_500(
    broken: TestApp, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        answer = broken.get("/broken", status=500)
    assert answer.content_type == "application/problem+json"
    assert "a bug" not in answer.text
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert record.exc_info is not None


def test_a_database_that_does_not_answer_is_a_503(broken: TestApp) -> None:
    answer = broken.get("/unavailable", status=503)
    assert answer.json["detail"] == "The database is not answering."


def test_an_unexpected_error_is_reported_once_with_its_request_id(
    broken: TestApp, reported_errors: SentryEndpoint
) -> None:
    answer = broken.get("/broken", headers={"X-Request-ID": "req-500"}, status=500)
    [event] = reported_errors.events()
    [cause] = event["exception"]["values"]
    assert (cause["type"], cause["value"]) == ("RuntimeError", "a bug")
    assert event["tags"]["request_id"] == answer.headers["X-Request-ID"] == "req-500"
{%- if cookiecutter.observability == "opentelemetry" %}


@pytest.fixture
def traced(app: Any, db: Any, exported: OtlpReceiver) -> TestApp:
    """The app as load_apps() serves it while the telemetry is on, on new connections: those
    opened before the instrumentation are not traced."""
    for connection in ConnectionPool.POOLS.pop(db._adapter.uri, []):
        connection.close()
    return TestApp(instrument(app))


def test_a_request_is_traced_with_its_route_and_its_statements(
    traced: TestApp, exported: OtlpReceiver
) -> None:
    assert traced.get("/api/items").json == []
    flush_telemetry()
    assert exported.wait_for(lambda: bool(exported.server_spans()))
    [server] = exported.server_spans()
    assert server.attributes["http.route"] == "/api/items"
    assert server.span.name == "GET /api/items"
    assert server.status_code == 200
    assert database_spans(exported.descendants(server))
    assert exported.wait_for(lambda: bool(exported.request_counts()))


def test_a_request_no_route_matched_has_no_route(traced: TestApp, exported: OtlpReceiver) -> None:
    """Its path is not taken for a route: the route groups the spans of one route only."""
    traced.get("/no/such/page", status=404)
    flush_telemetry()
    assert exported.wait_for(lambda: bool(exported.server_spans()))
    [server] = exported.server_spans()
    assert "http.route" not in server.attributes
    assert server.status_code == 404
{%- endif %}
