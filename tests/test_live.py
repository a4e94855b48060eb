"""The Procfile web process of a generated project serves the contract and stops on SIGTERM."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.figures import Figures
from support.live import procfile_server
from support.postgres import create_database
from support.projects import InstallProject, run_contract_tests
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
