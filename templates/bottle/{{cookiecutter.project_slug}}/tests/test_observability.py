"""What a request leaves for the operators besides its log lines: the report of an unexpected
error{% if cookiecutter.observability == "opentelemetry" %}, and its spans and metrics{% endif %}."""

import httpx
from bottle import Bottle

from {{ cookiecutter.project_slug }} import create_app
{%- if cookiecutter.observability == "opentelemetry" %}
from {{ cookiecutter.project_slug }}.database import Database
{%- if cookiecutter.database == "postgresql" %}, PostgreSQL{% endif %}
{%- endif %}

{% if cookiecutter.observability == "opentelemetry" -%}
from .otlp_receiver import OtlpReceiver, database_spans
{% endif -%}
from .sentry_endpoint import SentryEndpoint
{%- if cookiecutter.observability == "opentelemetry" %}
from .telemetry_fixtures import flush_telemetry
{%- endif %}


def test_an_unexpected_error_is_reported_once_with_its_request_id(
    database_url: str, reported_errors: SentryEndpoint
) -> None:
    def broken() -> str:
        raise RuntimeError("a bug")

    app: Bottle = create_app(database_url)
    app.route("/broken", "GET", broken)
    transport = httpx.WSGITransport(app=app, raise_app_exceptions=False)
    with httpx.Client(transport=transport, base_url="http://test") as client:
        response = client.get("/broken", headers={"X-Request-ID": "req-500"})
    assert response.status_code == 500
    # One event, though the plugin in problems.py also logs the error: Sentry's Bottle
    # integration reports the 500 the plugin answered, caused by the exception.
    [event] = reported_errors.events()
    [cause, answer] = event["exception"]["values"]
    assert (cause["type"], cause["value"]) == ("RuntimeError", "a bug")
    assert answer["type"] == "HTTPError"
    assert cause["mechanism"]["type"] == answer["mechanism"]["type"] == "bottle"
    assert event["tags"]["request_id"] == response.headers["X-Request-ID"] == "req-500"
{%- if cookiecutter.observability == "opentelemetry" %}


def test_a_request_is_traced_with_its_route_and_its_statements(
    database: Database, database_url: str, exported: OtlpReceiver
) -> None:
    """An app created while the telemetry is on is instrumented, its database driver too."""
    with database.transaction() as db:
        [(item_id,)] = db.execute("INSERT INTO items (name) VALUES (?) RETURNING id", ("traced",))
    app: Bottle = create_app(database_url)
    transport = httpx.WSGITransport(app=app)
    try:
        with httpx.Client(transport=transport, base_url="http://test") as client:
            response = client.get(f"/api/items/{item_id}")
    finally:
        app.close()
    assert response.status_code == 200
    flush_telemetry()
    assert exported.wait_for(lambda: bool(exported.server_spans()))
    [server] = exported.server_spans()
    assert server.attributes["http.route"] == "/api/items/<item_id:int>"
    assert server.span.name == "GET /api/items/<item_id:int>"
    assert server.status_code == 200
{%- if cookiecutter.database == "postgresql" %}
    # The telemetry instruments psycopg: on the tests' default SQLite file (no
    # TEST_DATABASE_URL) the statements leave no spans.
    if isinstance(database, PostgreSQL):
        assert database_spans(exported.descendants(server))
{%- else %}
    assert database_spans(exported.descendants(server))
{%- endif %}
    assert exported.wait_for(lambda: bool(exported.request_counts()))


def test_a_request_no_route_matched_has_no_route(
    database_url: str, exported: OtlpReceiver
) -> None:
    """Its path is not taken for a route: the route groups the spans of one route only."""
    app: Bottle = create_app(database_url)
    with httpx.Client(transport=httpx.WSGITransport(app=app), base_url="http://test") as client:
        response = client.get("/no/such/page")
    assert response.status_code == 404
    flush_telemetry()
    assert exported.wait_for(lambda: bool(exported.server_spans()))
    [server] = exported.server_spans()
    assert "http.route" not in server.attributes
    assert server.status_code == 404
{%- endif %}
