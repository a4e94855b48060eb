"""Sanic only: the generated README's development server works as written."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from support.live import dev_server, project_environment, rendered_command, wait_for_answer
from support.postgres import free_port
from support.projects import DefaultProject, run
from support.templates import template_config

pytestmark = pytest.mark.slow


@pytest.fixture
def project(default_project: DefaultProject) -> Path:
    return default_project("sanic")


def test_dev_command_serves_the_app_on_loopback(project: Path, tmp_path: Path) -> None:
    config = template_config("sanic")
    port = free_port()
    env = project_environment(
        project, DATABASE_URL=f"sqlite:///{tmp_path / 'dev.db'}", PORT=str(port)
    )
    run(["sh", "-c", rendered_command(config["__release_command"], project)], cwd=project, env=env)
    with dev_server(rendered_command(config["__dev_command"], project), project, env) as process:
        welcome = wait_for_answer(f"http://127.0.0.1:{port}/", process)
        assert welcome.status_code == 200
        assert httpx.get(f"http://127.0.0.1:{port}/health", timeout=5).json() == {"status": "ok"}
