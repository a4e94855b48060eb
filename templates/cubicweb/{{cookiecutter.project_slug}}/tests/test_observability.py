"""What a request leaves for the operators besides its access line: for an unexpected error, a
problem-details 500, one log line with its traceback and one report
{%- if cookiecutter.observability == "opentelemetry" %}; its spans and metrics{% endif %}."""

import logging
{%- if cookiecutter.observability == "opentelemetry" %}
from collections.abc import Iterator
{%- endif %}
from typing import Any

import pytest
from webtest import TestApp
{%- if cookiecutter.observability == "opentelemetry" %}

from {{ cookiecutter.project_slug }}.service import cubicweb_application
{%- endif %}

{% if cookiecutter.observability == "opentelemetry" -%}
from .otlp_receiver import OtlpReceiver, ReceivedSpan, database_spans
{% endif -%}
from .sentry_endpoint import SentryEndpoint
{%- if cookiecutter.observability == "opentelemetry" %}
from .telemetry_fixtures import flush_telemetry
{%- endif %}


@pytest.fixture
def broken(web: TestApp, monkeypatch: pytest.MonkeyPatch) -> str:
    """The path of an item the code fails to show: a bug."""
    item = web.post_json("/api/items", {"name": "lamp"}, status=201).json

    def bug(_item: object) -> dict[str, Any]:
        raise RuntimeError("a bug")

    monkeypatch.setattr("cubicweb_{{ cookiecutter.project_slug }}.entities.Item.to_dict", bug)
    return f"/api/items/{item['id']}"


def test_an_unexpected_error_is_a_logged_500(
    web: TestApp, broken: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        answer = web.get(broken, status=500)
    assert answer.content_type == "application/problem+json"
    assert "a bug" not in answer.text
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert record.exc_info is not None


def test_an_unexpected_error_is_reported_once_with_its_request_id(
    web: TestApp, broken: str, reported_errors: SentryEndpoint
) -> None:
    answer = web.get(broken, headers={"X-Request-ID": "req-500"}, status=500)
    [event] = reported_errors.events()
    [cause] = event["exception"]["values"]
    assert (cause["type"], cause["value"]) == ("RuntimeError", "a bug")
    assert event["tags"]["request_id"] == answer.headers["X-Request-ID"] == "req-500"
{%- if cookiecutter.observability == "opentelemetry" %}


@pytest.fixture
def traced(service: Any, exported: OtlpReceiver, api_token: str) -> Iterator[TestApp]:
    """WebTest over an app built while the telemetry is on, so instrumented, its database
    connections too."""
    application: Any = cubicweb_application()
    yield TestApp(application, extra_environ={"HTTP_AUTHORIZATION": f"Bearer {api_token}"})
    application.registry["cubicweb.repository"].shutdown()


def server_span(exported: OtlpReceiver, method: str) -> ReceivedSpan:
    """The span of the test's one `method` request."""
    flush_telemetry()

    def found() -> list[ReceivedSpan]:
        spans = exported.server_spans()
        return [span for span in spans if span.attributes["http.method"] == method]

    assert exported.wait_for(lambda: bool(found()))
    [span] = found()
    return span


def test_a_request_is_traced_with_its_route_and_its_statements(
    traced: TestApp, exported: OtlpReceiver
) -> None:
    path = traced.post_json("/api/items", {"name": "traced"}, status=201).headers["Location"]
    server = server_span(exported, "POST")
    assert server.attributes["http.route"] == "/api/items"
    assert server.status_code == 201
    statements = [span.span.name for span in database_spans(exported.descendants(server))]
    assert any(statement.startswith("INSERT") for statement in statements)
    assert exported.wait_for(lambda: bool(exported.request_counts()))
    traced.delete(path, status=204)
{%- endif %}
