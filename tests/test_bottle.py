"""Bottle only: the README's development server, and SQLite shared by the production workers."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from support.live import procfile_server, project_environment
from support.postgres import free_port
from support.projects import InstallProject, run
from support.templates import choice_questions, template_config, template_names

pytestmark = pytest.mark.slow
STARTUP_TIMEOUT = 60.0


@pytest.fixture
def project(installed_project: InstallProject, request: pytest.FixtureRequest) -> Path:
    if "bottle" not in (request.config.getoption("template_name") or template_names()):
        pytest.skip("the bottle template is not selected")
    answers = {key: choices[0] for key, choices in choice_questions("bottle").items()}
    return installed_project("bottle", answers)


def rendered(command: str, project: Path) -> str:
    return command.replace("{{ cookiecutter.project_slug }}", project.name)


def wait_for(url: str, process: subprocess.Popen[bytes]) -> httpx.Response:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server exited at start"
        try:
            return httpx.get(url, timeout=2)
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError(f"no answer from {url} in {STARTUP_TIMEOUT} s")


def test_dev_command_serves_with_the_reloader(project: Path, tmp_path: Path) -> None:
    config = template_config("bottle")
    env = project_environment(project, DATABASE_URL=f"sqlite:///{tmp_path / 'dev.db'}")
    run(["sh", "-c", rendered(config["__release_command"], project)], cwd=project, env=env)
    # The README's command; a later --bind replaces the default localhost:8080.
    port = free_port()
    command = f"exec {rendered(config['__dev_command'], project)} --bind 127.0.0.1:{port}"
    process = subprocess.Popen(
        ["sh", "-c", command],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        greeting = wait_for(f"http://127.0.0.1:{port}/greet/Ada", process)
        assert greeting.status_code == 200
        assert "Hello, Ada!" in greeting.text
        square = httpx.get(f"http://127.0.0.1:{port}/square/5", timeout=5)
        assert square.json() == {"number": 5, "square": 25}
        assert httpx.get(f"http://127.0.0.1:{port}/health", timeout=5).status_code == 200
    finally:
        # The reloader runs the server in a child process: stop the whole group.
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


def test_production_workers_share_the_sqlite_file(project: Path, tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'shared.db'}"
    with procfile_server(project, tmp_path / "server.log", DATABASE_URL=database_url) as server:

        def create(index: int) -> int:
            with httpx.Client(base_url=server.url, timeout=30) as client:
                for attempt in range(25):
                    body = {"name": f"writer-{index}-{attempt}"}
                    response = client.post("/api/items", json=body)
                    assert response.status_code == 201, response.text
            return index

        # 16 clients write at once through both workers: WAL and the busy timeout serialise
        # the writes without a "database is locked" error.
        with ThreadPoolExecutor(max_workers=16) as pool:
            assert sorted(pool.map(create, range(16))) == list(range(16))
        with httpx.Client(base_url=server.url, timeout=30) as client:
            ids = [
                item["id"]
                for offset in range(0, 400, 100)
                for item in client.get(f"/api/items?offset={offset}").json()
            ]
        assert len(ids) == len(set(ids)) == 400
        server.stop()
