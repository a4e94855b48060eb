"""What a request leaves for the operators besides its log lines: the report of an unexpected
error{% if cookiecutter.observability == "opentelemetry" %}, and its spans and metrics{% endif %}."""

{% if cookiecutter.observability == "opentelemetry" -%}
from collections.abc import Callable, Iterator
{% endif -%}
from typing import {% if cookiecutter.observability == "opentelemetry" %}Any, {% endif %}NoReturn

import pytest
import transaction
import webtest

from {{ cookiecutter.project_slug }}.model import DBSession, Item

{% if cookiecutter.observability == "opentelemetry" -%}
from .conftest import TEST_INI
from .otlp_receiver import OtlpReceiver, ReceivedSpan, database_spans
{% endif -%}
from .sentry_endpoint import SentryEndpoint
{%- if cookiecutter.observability == "opentelemetry" %}
from .telemetry_fixtures import flush_telemetry
{%- endif %}


def test_an_unexpected_error_is_reported_with_its_request_id(
    testapp: webtest.TestApp, monkeypatch: pytest.MonkeyPatch, reported_errors: SentryEndpoint
) -> None:
    with transaction.manager:
        item = Item(name="broken")
        DBSession.add(item)
        DBSession.flush()
        item_id = item.id

    def fail(_item: Item) -> NoReturn:
        raise RuntimeError("a bug")

    monkeypatch.setattr(Item, "__json__", fail)
    request_id = {"X-Request-ID": "req-500"}
    response = testapp.get(f"/api/items/{item_id}", headers=request_id, status=500)
    assert response.content_type == "application/problem+json"
    # One report (a second gets a second to arrive): lib/problems.py logs the error at ERROR
    # with its traceback, which Sentry's logging integration reports with the request's id.
    [event] = reported_errors.events()
    [exception] = event["exception"]["values"]
    assert (exception["type"], exception["value"]) == ("RuntimeError", "a bug")
    assert event["tags"]["request_id"] == response.headers["X-Request-ID"] == "req-500"
{%- if cookiecutter.observability == "opentelemetry" %}


@pytest.fixture
def traced(
    build_app: Callable[..., Any],
    exported: OtlpReceiver,
    database_url: str,
    api_token: str,
    monkeypatch: pytest.MonkeyPatch,
) -> webtest.TestApp:
    """WebTest over an app built while the telemetry is on, so instrumented, its engine too,
    on the database `app` migrated."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("API_TOKENS", api_token)
    traced_app = build_app({"__file__": TEST_INI}, **{"sqlalchemy.url": "unused"})
    return webtest.TestApp(traced_app, extra_environ={"HTTP_AUTHORIZATION": f"Bearer {api_token}"})


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
    assert server.attributes["http.route"] == "/api/items/{item_id}"
    assert server.status_code == 200
    assert database_spans(exported.descendants(server))
    assert exported.wait_for(lambda: bool(exported.request_counts()))


def test_the_statements_of_the_commit_are_traced_beneath_the_request(
    traced: webtest.TestApp, item_path: str, exported: OtlpReceiver
) -> None:
    # The controller only changes the item: the UPDATE is flushed by the transaction
    # manager's commit, once the controller has returned, and still belongs to the request.
    traced.put_json(item_path, {"name": "renamed"}, status=200)
    server = server_span(exported, "PUT")
    statements = [span.span.name for span in database_spans(exported.descendants(server))]
    assert any(statement.startswith("UPDATE") for statement in statements)
{%- endif %}
