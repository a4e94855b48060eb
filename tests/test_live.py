"""The Procfile web process of a generated project serves the contract and stops on SIGTERM."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from support.contract import CONTRACT
from support.figures import Figures
from support.live import procfile_server, procfile_web_without_release, project_environment
from support.postgres import create_database
from support.projects import InstallProject, read_procfile, run, run_contract_tests
from support.templates import served_answers

pytestmark = [pytest.mark.slow, pytest.mark.live]
# The bound for an idle server (test_live_faults.py holds a request across it).
SIGTERM_EXIT_LIMIT = 2.0


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_production_server_serves_the_contract(
    template: str,
    database: str,
    installed_project: InstallProject,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    figures: Figures,
) -> None:
    project = installed_project(template, served_answers(template, database))
    if database == "postgresql":
        server_url = request.getfixturevalue("postgres_server")
        database_url = create_database(server_url, f"live_{template}")
    else:
        database_url = f"sqlite:///{tmp_path / 'live.db'}"

    with procfile_server(project, tmp_path / "server.log", DATABASE_URL=database_url) as server:
        run_contract_tests(project, server.url)
        exit_seconds = server.stop(timeout=10)
    figures.add("idle SIGTERM", server=f"{template}/{database}", exit_s=exit_seconds)
    assert exit_seconds <= SIGTERM_EXIT_LIMIT
    assert server.process.returncode == 0, server.log.read_text()[-4000:]


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_an_unmigrated_database_is_named_until_the_release_step_runs(
    template: str,
    database: str,
    installed_project: InstallProject,
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    """The production server on a database nobody migrated (a SQLite file not even created):
    /health and the API answer 503 naming the release step, the log says so, and running the
    step makes the same server healthy."""
    project = installed_project(template, served_answers(template, database))
    if database == "postgresql":
        server_url = request.getfixturevalue("postgres_server")
        database_url = create_database(server_url, f"unmigrated_{template}")
    else:
        database_url = f"sqlite:///{tmp_path / 'fresh.db'}"
    release = read_procfile(project)["release"]
    detail = CONTRACT.not_migrated(f"uv run {release}")
    not_migrated = CONTRACT.problem(503, "Service Unavailable", detail)

    log = tmp_path / "server.log"
    with procfile_web_without_release(project, log, DATABASE_URL=database_url) as server:
        for path in ("/health", "/api/items", "/api/items/1"):
            response = httpx.get(server.url + path, timeout=10)
            assert response.status_code == 503, response.text
            assert response.headers["Content-Type"] == CONTRACT.PROBLEM_CONTENT_TYPE
            assert response.json() == not_migrated

        run(
            ["sh", "-c", release],
            cwd=project,
            env=project_environment(project, DATABASE_URL=database_url),
        )
        # The same server, without a restart.
        for _request in range(4):  # Each worker process finds out for itself.
            health = httpx.get(f"{server.url}/health", timeout=10)
            assert (health.status_code, health.json()) == (200, {"status": "ok"})
        assert httpx.get(f"{server.url}/api/items", timeout=10).json() == []
        server.stop(timeout=10)
    assert f"{detail} Missing: " in log.read_text(errors="replace")
