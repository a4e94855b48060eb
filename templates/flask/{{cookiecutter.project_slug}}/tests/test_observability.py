"""What a request leaves for the operators besides its log lines: the report of an unexpected
error{% if cookiecutter.observability == "opentelemetry" %}, and its spans and metrics{% endif %}."""

from typing import NoReturn

from flask import Flask
{%- if cookiecutter.observability == "opentelemetry" %}
from flask.testing import FlaskClient
{%- endif %}

from {{ cookiecutter.project_slug }} import create_app

{% if cookiecutter.observability == "opentelemetry" -%}
from .otlp_receiver import OtlpReceiver, database_spans
{% endif -%}
from .sentry_endpoint import SentryEndpoint
{%- if cookiecutter.observability == "opentelemetry" %}
from .telemetry_fixtures import flush_telemetry
{%- endif %}


def test_an_unexpected_error_is_reported_with_its_request_id(
    app: Flask, reported_errors: SentryEndpoint
) -> None:
    # Not TESTING: the test client would raise the error instead of serving the 500.
    failing = create_app({**app.config, "TESTING": False})

    @failing.get("/failing")
    def fail() -> NoReturn:
        raise RuntimeError("a bug")

    response = failing.test_client().get("/failing", headers={"X-Request-ID": "req-500"})
    assert response.status_code == 500
    [event] = reported_errors.events()
    [exception] = event["exception"]["values"]
    assert (exception["type"], exception["value"]) == ("RuntimeError", "a bug")
    assert exception["mechanism"]["type"] == "flask"
    assert event["tags"]["request_id"] == "req-500"
{%- if cookiecutter.observability == "opentelemetry" %}


def test_a_request_is_traced_with_its_route_and_its_statements(
    app: Flask, client: FlaskClient, exported: OtlpReceiver
) -> None:
    """An app created while the telemetry is on is instrumented, its database engine too."""
    created = client.post("/api/items", json={"name": "traced"})
    traced = create_app(dict(app.config)).test_client()
    response = traced.get(created.headers["Location"])
    assert response.status_code == 200
    flush_telemetry()
    assert exported.wait_for(lambda: bool(exported.server_spans()))
    [server] = exported.server_spans()
    assert server.attributes["http.route"] == "/api/items/<int:item_id>"
    assert server.status_code == 200
    assert database_spans(exported.descendants(server))
    assert exported.wait_for(lambda: bool(exported.request_counts()))
{%- endif %}
