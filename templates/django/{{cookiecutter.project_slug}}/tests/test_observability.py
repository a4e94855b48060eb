"""What a request leaves for the operators besides its log lines: the report of an unexpected
error{% if cookiecutter.observability == "opentelemetry" %}, and its spans and metrics{% endif %}."""

{% if cookiecutter.observability == "opentelemetry" -%}
import importlib
{% endif -%}
from typing import NoReturn

{% if cookiecutter.observability == "opentelemetry" -%}
import httpx
{% endif -%}
import pytest
{%- if cookiecutter.observability == "opentelemetry" %}
from django.db import connection
{%- endif %}
from django.http import HttpRequest
from django.test import Client
from django.urls import path
{%- if cookiecutter.observability == "opentelemetry" %}
from pytest_django import DjangoDbBlocker
{%- endif %}

from {{ cookiecutter.project_slug }} import urls{% if cookiecutter.observability == "opentelemetry" %}, wsgi{% endif %}
{%- if cookiecutter.observability == "opentelemetry" %}
from {{ cookiecutter.project_slug }}.items.models import Item
{%- endif %}

{% if cookiecutter.observability == "opentelemetry" -%}
from .otlp_receiver import OtlpReceiver, database_spans
{% endif -%}
from .sentry_endpoint import SentryEndpoint
{%- if cookiecutter.observability == "opentelemetry" %}
from .telemetry_fixtures import flush_telemetry
{%- endif %}


def fail(request: HttpRequest) -> NoReturn:
    raise RuntimeError("a bug")


# This module is the URLconf of the test that asks for it: the project's URLs, its error views,
# and a view that fails.
urlpatterns = [path("api/failing", fail), *urls.urlpatterns]
handler500 = urls.handler500


@pytest.mark.urls(__name__)
def test_an_unexpected_error_is_reported_with_its_request_id(
    reported_errors: SentryEndpoint,
) -> None:
    # By default the test client raises the view's error instead of serving the 500.
    failing = Client(raise_request_exception=False)
    response = failing.get("/api/failing", headers={"X-Request-ID": "req-500"})
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    [event] = reported_errors.events()
    [exception] = event["exception"]["values"]
    assert (exception["type"], exception["value"]) == ("RuntimeError", "a bug")
    assert exception["mechanism"]["type"] == "django"
    assert event["tags"]["request_id"] == response["X-Request-ID"] == "req-500"
{%- if cookiecutter.observability == "opentelemetry" %}


@pytest.mark.usefixtures("django_db_setup")
def test_a_request_is_traced_with_its_route_and_its_statements(
    django_db_blocker: DjangoDbBlocker, exported: OtlpReceiver
) -> None:
    """The application wsgi.py makes while the telemetry is on is instrumented, and so is each
    database connection opened from then on."""
    with django_db_blocker.unblock():
        item = Item.objects.create(name="traced")
        # wsgi.py again, as a production process that starts with the telemetry on runs it.
        application = importlib.reload(wsgi).application
        # This thread's connection was opened before: the request opens an instrumented one.
        connection.close()
        transport = httpx.WSGITransport(app=application)
        try:
            with httpx.Client(transport=transport, base_url="http://testserver") as traced:
                response = traced.get(f"/api/items/{item.id}")
        finally:
            item.delete()
    assert response.status_code == 200
    flush_telemetry()
    assert exported.wait_for(lambda: bool(exported.server_spans()))
    [server] = exported.server_spans()
    assert server.attributes["http.route"] == "api/items/<int:item_id>"
    assert server.status_code == 200
{%- if cookiecutter.database == "postgresql" %}
    # The telemetry instruments psycopg: on the tests' default SQLite file (no
    # TEST_DATABASE_URL) the statements leave no spans.
    if connection.vendor == "postgresql":
        assert database_spans(exported.descendants(server))
{%- else %}
    assert database_spans(exported.descendants(server))
{%- endif %}
    assert exported.wait_for(lambda: bool(exported.request_counts()))
{%- endif %}
