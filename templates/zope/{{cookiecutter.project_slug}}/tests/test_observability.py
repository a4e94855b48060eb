"""What a request leaves for the operators besides its access line: for an unexpected error, a
problem-details 500, one log line with its traceback and one report; a 503 for a database that
does not answer."""

import logging
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
from OFS.interfaces import IApplication
from webtest import TestApp
from zope.component import getGlobalSiteManager
from zope.interface import Interface
from zope.publisher.interfaces.browser import IBrowserRequest
{%- if cookiecutter.observability == "opentelemetry" %}

from {{ cookiecutter.project_slug }}.tracing import instrument
{%- endif %}

from .layers import ServiceLayer
{%- if cookiecutter.observability == "opentelemetry" %}
from .otlp_receiver import OtlpReceiver
{%- endif %}
from .sentry_endpoint import SentryEndpoint
{%- if cookiecutter.observability == "opentelemetry" %}
from .telemetry_fixtures import flush_telemetry
{%- endif %}


class Failing:
    """A view of the tests' own: Zope publishes an object with a docstring."""

    __roles__ = None
    error: Exception = RuntimeError("a bug")

    def __init__(self, context: Any, request: Any) -> None:
        self.context = context

    def __call__(self) -> str:
        raise self.error


class Unavailable(Failing):
    """A view whose database fails."""

    error = sqlite3.OperationalError("the database is locked")


@pytest.fixture(scope="module")
def broken(app: Any, zope_session: type[ServiceLayer]) -> Iterator[TestApp]:
    """The app with two views of the tests' own: one with a bug, one whose database fails."""
    registry = getGlobalSiteManager()
    views = {"broken": Failing, "unavailable": Unavailable}
    for name, view in views.items():
        registry.registerAdapter(view, (IApplication, IBrowserRequest), Interface, name)
    yield TestApp(app)
    for name, view in views.items():
        registry.unregisterAdapter(view, (IApplication, IBrowserRequest), Interface, name)


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
def traced(web: TestApp, exported: OtlpReceiver) -> TestApp:
    """The app as the pipeline serves it while the telemetry is on."""
    return TestApp(instrument(web.app))


def test_a_request_is_traced_with_its_route(traced: TestApp, exported: OtlpReceiver) -> None:
    assert traced.get("/api/items/1", status=404).json["status"] == 404
    assert traced.get("/api/items").json == []
    flush_telemetry()
    assert exported.wait_for(lambda: len(exported.server_spans()) == 2)
    spans = {span.attributes.get("http.route"): span for span in exported.server_spans()}
    assert spans["/api/items"].span.name == "GET /api/items"
    assert spans["/api/items"].status_code == 200
    assert spans["/api/items/{id}"].status_code == 404
    assert exported.wait_for(lambda: bool(exported.request_counts()))


def test_a_request_no_view_answered_has_no_route(traced: TestApp, exported: OtlpReceiver) -> None:
    """Its path is not taken for a route: the route groups the spans of one route only."""
    traced.get("/no/such/page", status=404)
    flush_telemetry()
    assert exported.wait_for(lambda: bool(exported.server_spans()))
    [server] = exported.server_spans()
    assert "http.route" not in server.attributes
    assert server.status_code == 404
{%- endif %}
