"""Bottle only: the README's development server, and SQLite shared by the production workers."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from support import loopback
from support.access import AUTHORIZATION
from support.live import (
    dev_server,
    procfile_server,
    project_environment,
    rendered_command,
    wait_for_answer,
)
from support.postgres import free_port
from support.projects import DefaultProject, run
from support.templates import template_config

pytestmark = pytest.mark.slow


@pytest.fixture
def project(default_project: DefaultProject) -> Path:
    return default_project("bottle")


def test_dev_command_serves_with_the_reloader(project: Path, tmp_path: Path) -> None:
    config = template_config("bottle")
    env = project_environment(project, DATABASE_URL=f"sqlite:///{tmp_path / 'dev.db'}")
    release = rendered_command(config["__release_command"], project)
    run(["sh", "-c", release], cwd=project, env=env)
    # The README's command; a later --bind replaces the default localhost:8080.
    port = free_port()
    command = f"{rendered_command(config['__dev_command'], project)} --bind 127.0.0.1:{port}"
    # The reloader runs the server in a child process: dev_server stops the whole group.
    with dev_server(command, project, env) as process:
        greeting = wait_for_answer(f"http://127.0.0.1:{port}/greet/Ada", process)
        assert greeting.status_code == 200
        assert "Hello, Ada!" in greeting.text
        square = loopback.get(f"http://127.0.0.1:{port}/square/5", timeout=5)
        assert square.json() == {"number": 5, "square": 25}
        assert loopback.get(f"http://127.0.0.1:{port}/health", timeout=5).status_code == 200


def test_production_workers_share_the_sqlite_file(project: Path, tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'shared.db'}"
    with procfile_server(project, tmp_path / "server.log", DATABASE_URL=database_url) as server:

        def create(index: int) -> int:
            with loopback.client(base_url=server.url, headers=AUTHORIZATION, timeout=30) as client:
                for attempt in range(25):
                    body = {"name": f"writer-{index}-{attempt}"}
                    response = client.post("/api/items", json=body)
                    assert response.status_code == 201, response.text
            return index

        # 16 clients write at once through both workers: WAL and the busy timeout serialise
        # the writes without a "database is locked" error.
        with ThreadPoolExecutor(max_workers=16) as pool:
            assert sorted(pool.map(create, range(16))) == list(range(16))
        with loopback.client(base_url=server.url, timeout=30) as client:
            ids = [
                item["id"]
                for offset in range(0, 400, 100)
                for item in client.get(f"/api/items?offset={offset}").json()
            ]
        assert len(ids) == len(set(ids)) == 400
        server.stop()
