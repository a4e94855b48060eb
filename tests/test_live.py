"""The Procfile web process of a generated project, from a deploy on a new database to the
next one: it names the missing release step, serves the contract once released, stops on
SIGTERM and finds its items again after a restart."""

from __future__ import annotations

import json
import sqlite3
import uuid
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from support import loopback
from support.contract import CONTRACT
from support.figures import Figures
from support.live import (
    LiveServer,
    assert_one_json_access_line,
    create_items,
    listed_items,
    live_database_url,
    procfile_server,
    procfile_web_without_release,
    project_environment,
    request_to_find_in_the_log,
)
from support.projects import InstallProject, read_procfile, run, run_contract_tests
from support.telemetry import otlp_receiver, sentry_endpoint
from support.templates import declaration, served_answers

pytestmark = [pytest.mark.slow, pytest.mark.live]
# The bound for an idle server (test_live_faults.py holds a request across it).
SIGTERM_EXIT_LIMIT = 2.0


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_deploy_names_the_release_step_serves_the_contract_and_survives_a_restart(
    template: str,
    database: str,
    installed_project: InstallProject,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    figures: Figures,
) -> None:
    """One server's life, as a first deploy lives it, in the order a user meets it.

    1. The web process alone, on a database nobody migrated (a SQLite file not even created):
       /health and the API answer 503 naming the release step, and the log says what is
       missing.
    2. Running the release step makes the same server healthy, without a restart.
    3. It serves the contract: the project's own contract tests, over HTTP.
    4. Its log has one JSON access line per request, with the request's id, and no other line
       (a server's own access log) for it.
    5. An idle SIGTERM stops it, with exit code 0, within the bound.
    6. The next deploy (the release step again, then the web process) serves every item the
       first one wrote, and takes new ones; with OpenTelemetry it sends the spans of its
       requests, with their database spans, and their metrics to an OTLP/HTTP receiver; without
       it, nothing.
    """
    answers = served_answers(template, database)
    project = installed_project(template, answers)
    database_url = live_database_url(request, database, f"live_{template}", tmp_path)
    release = read_procfile(project)["release"]
    detail = CONTRACT.not_migrated(f"uv run {release}")
    not_migrated = CONTRACT.problem(503, "Service Unavailable", detail)

    log = tmp_path / "first.log"
    with procfile_web_without_release(project, log, DATABASE_URL=database_url) as server:
        for path in ("/health", "/api/items", "/api/items/1"):
            response = loopback.get(server.url + path, timeout=10)
            assert response.status_code == 503, response.text
            assert response.headers["Content-Type"] == CONTRACT.PROBLEM_CONTENT_TYPE
            assert response.json() == not_migrated
        assert f"{detail} Missing: " in log.read_text(errors="replace")

        run(
            ["sh", "-c", release],
            cwd=project,
            env=project_environment(project, DATABASE_URL=database_url),
        )
        for _request in range(4):  # Each worker process finds out for itself.
            health = loopback.get(f"{server.url}/health", timeout=10)
            assert (health.status_code, health.json()) == (200, {"status": "ok"})
        assert listed_items(server) == []

        run_contract_tests(project, server.url)
        created = create_items(server, ["before", "the", "restart"])
        first_page = listed_items(server)
        logged_request = request_to_find_in_the_log(server)
        exit_seconds = server.stop(timeout=10)
    assert_one_json_access_line(log.read_text(errors="replace"), logged_request)
    figures.add("idle SIGTERM", server=f"{template}/{database}", exit_s=exit_seconds)
    assert exit_seconds <= SIGTERM_EXIT_LIMIT
    assert server.process.returncode == 0, log.read_text()[-4000:]

    with (
        otlp_receiver.otlp_receiver() as receiver,
        sentry_endpoint.sentry_endpoint() as reports,
        procfile_server(
            project,
            tmp_path / "second.log",
            DATABASE_URL=database_url,
            SENTRY_DSN=reports.dsn,
            **telemetry_environment(receiver),
        ) as server,
    ):
        assert listed_items(server) == first_page
        for item in created:
            response = loopback.get(f"{server.url}/api/items/{item['id']}", timeout=10)
            assert (response.status_code, response.json()) == (200, item)
        create_items(server, ["after"])
        if answers["observability"] == "opentelemetry":
            assert_traced(receiver, f"/api/items/{created[0]['id']}")
        unservable = declaration(template).suite.unservable_item
        if database == "sqlite" and unservable:
            assert_unexpected_error_reported_once(server, reports, database_url, unservable)
        server.stop(timeout=10)
    if answers["observability"] == "none":
        assert (receiver.spans, receiver.counts) == ([], {}), "telemetry without OpenTelemetry"


def assert_unexpected_error_reported_once(
    server: LiveServer, reports: Any, database_url: str, unservable_item: list[str]
) -> None:
    """An item the code cannot serve, its name a BLOB written to the SQLite file behind the
    service's back, fails its GET: a 500 problem, one JSON error line with the traceback in the
    log, and one report to Sentry, each with the request's id."""
    with closing(sqlite3.connect(database_url.removeprefix("sqlite:///"))) as database:
        with database:
            for statement in unservable_item:
                cursor = database.execute(statement, (b"\xff\x00",) if "?" in statement else ())
        path = f"/api/items/{cursor.lastrowid}"
    request_id = f"suite-{uuid.uuid4().hex}"
    response = loopback.get(
        f"{server.url}{path}", headers={"X-Request-ID": request_id}, timeout=10
    )
    assert response.status_code == 500, response.text
    assert response.headers["Content-Type"] == CONTRACT.PROBLEM_CONTENT_TYPE
    # A second report of the same error would leave its process right behind the first.
    reports.events(count=1, timeout=10)
    events = reports.events(count=2, timeout=0.5)
    reported = [event for event in events if event.get("tags", {}).get("request_id") == request_id]
    assert len(reported) == 1, events
    lines = [
        record
        for record in map(json.loads, json_lines(server.log.read_text(errors="replace")))
        if record.get("request_id") == request_id and record.get("exc_info")
    ]
    assert len(lines) == 1, lines


def json_lines(log: str) -> list[str]:
    return [line for line in log.splitlines() if line.startswith("{")]


def telemetry_environment(receiver: Any) -> dict[str, str]:
    """The production process's telemetry settings: export to `receiver`, within the test's
    patience rather than the SDK's 5 s (spans) and 60 s (metrics)."""
    return {
        "OTEL_EXPORTER_OTLP_ENDPOINT": receiver.endpoint,
        "OTEL_BSP_SCHEDULE_DELAY": "100",
        "OTEL_METRIC_EXPORT_INTERVAL": "500",
    }


def assert_traced(receiver: Any, item_path: str) -> None:
    """The spans of the GETs of one item arrived with their route (not their path) and status,
    each with a database span beneath it, and the request duration metric counted them."""

    def item_spans() -> list[Any]:
        return [
            span
            for span in receiver.server_spans()
            if span.status_code == 200
            and "items" in str(span.attributes.get("http.route", ""))
            and str(span.attributes["http.route"]) not in {item_path, item_path.lstrip("/")}
            and not str(span.attributes["http.route"]).rstrip("/").endswith("items")
        ]

    assert receiver.wait_for(lambda: bool(item_spans())), [
        (span.span.name, span.attributes) for span in receiver.spans
    ]
    for span in item_spans():
        beneath = receiver.descendants(span)
        assert otlp_receiver.database_spans(beneath), (span.attributes, beneath)
    assert receiver.wait_for(lambda: bool(receiver.request_counts())), receiver.counts
