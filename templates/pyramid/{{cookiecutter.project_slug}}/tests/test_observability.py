"""What a request leaves for the operators besides its log lines: the report of an unexpected
error{% if cookiecutter.observability == "opentelemetry" %}, and its spans and metrics{% endif %}."""

{% if cookiecutter.observability == "opentelemetry" -%}
from collections.abc import Iterator
{% endif -%}
from typing import NoReturn

import pytest
import webtest
{%- if cookiecutter.observability == "opentelemetry" %}
from pyramid.paster import get_app
from pyramid.router import Router
{%- endif %}
from sqlalchemy.orm import Session

from {{ cookiecutter.project_slug }}.models import Item

{% if cookiecutter.observability == "opentelemetry" -%}
from .conftest import TESTING_INI
from .otlp_receiver import OtlpReceiver, ReceivedSpan, database_spans
{% endif -%}
from .sentry_endpoint import SentryEndpoint
{%- if cookiecutter.observability == "opentelemetry" %}
from .telemetry_fixtures import flush_telemetry
{%- endif %}


def test_an_unexpected_error_is_reported_with_its_request_id(
    testapp: webtest.TestApp,
    dbsession: Session,
    monkeypatch: pytest.MonkeyPatch,
    reported_errors: SentryEndpoint,
) -> None:
    item = Item(name="broken")
    dbsession.add(item)
    dbsession.flush()

    def fail(_item: Item) -> NoReturn:
        raise RuntimeError("a bug")

    monkeypatch.setattr(Item, "to_dict", fail)
    response = testapp.get(
        f"/api/items/{item.id}", headers={"X-Request-ID": "req-500"}, status=500
    )
    assert response.content_type == "application/problem+json"
    # One report (a second gets a second to arrive), although the exception view logs the
    # error too, at ERROR and with its traceback.
    [event] = reported_errors.events()
    [exception] = event["exception"]["values"]
    assert (exception["type"], exception["value"]) == ("RuntimeError", "a bug")
    assert exception["mechanism"]["type"] == "pyramid"
    assert event["tags"]["request_id"] == response.headers["X-Request-ID"] == "req-500"
{%- if cookiecutter.observability == "opentelemetry" %}


@pytest.fixture
def traced(
    app: Router,
    exported: OtlpReceiver,
    database_url: str,
    api_token: str,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[webtest.TestApp]:
    """WebTest over an app built while the telemetry is on, so instrumented, its engine too.
    Unlike `testapp`, its requests run in pyramid_tm's transactions and commit, as in
    production, to the database `app` migrated."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("API_TOKENS", api_token)
    traced_app: Router = get_app(TESTING_INI, "main")
    yield webtest.TestApp(traced_app, extra_environ={"HTTP_AUTHORIZATION": f"Bearer {api_token}"})
    traced_app.registry["dbsession_factory"].kw["bind"].dispose()


@pytest.fixture
def item_path(traced: webtest.TestApp) -> Iterator[str]:
    """The path of an item committed for the test, and deleted after it."""
    path: str = traced.post_json("/api/items", {"name": "traced"}, status=201).headers["Location"]
    yield path
    traced.delete(path, status=204)


def server_span(exported: OtlpReceiver, method: str) -> ReceivedSpan:
    """The span of the test's one `method` request; the fixtures' requests have their own."""
    flush_telemetry()

    def found() -> list[ReceivedSpan]:
        spans = exported.server_spans()
        return [span for span in spans if span.attributes["http.method"] == method]

    assert exported.wait_for(lambda: bool(found()))
    [span] = found()
    return span


def test_a_request_is_traced_with_its_route_and_its_statements(
    traced: webtest.TestApp, item_path: str, exported: OtlpReceiver
) -> None:
    traced.get(item_path, status=200)
    server = server_span(exported, "GET")
    assert server.attributes["http.route"] == r"/api/items/{id:\d+}"
    assert server.status_code == 200
    assert database_spans(exported.descendants(server))
    assert exported.wait_for(lambda: bool(exported.request_counts()))


def test_the_statements_of_the_commit_are_traced_beneath_the_request(
    traced: webtest.TestApp, item_path: str, exported: OtlpReceiver
) -> None:
    # The view only changes the item: the UPDATE is flushed by pyramid_tm's commit, once the
    # view has returned, and still belongs to the request (the tweens' order, in main()).
    traced.put_json(item_path, {"name": "renamed"}, status=200)
    server = server_span(exported, "PUT")
    statements = [span.span.name for span in database_spans(exported.descendants(server))]
    assert any(statement.startswith("UPDATE") for statement in statements)
{%- endif %}
