"""Pyramid only: the development commands of the generated README work as written."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from support import loopback
from support.live import dev_server, project_environment, wait_for_answer
from support.postgres import free_port
from support.projects import DefaultProject, run
from support.templates import template_config

pytestmark = pytest.mark.slow


@pytest.fixture
def project(default_project: DefaultProject) -> Path:
    return default_project("pyramid")


def test_pserve_serves_development_ini(project: Path, tmp_path: Path) -> None:
    env = project_environment(project, DATABASE_URL=f"sqlite:///{tmp_path / 'dev.db'}")
    run(["alembic", "-c", "development.ini", "upgrade", "head"], cwd=project, env=env)
    # The README's command, on a copy of development.ini that listens on a free port.
    port = free_port()
    ini = (project / "development.ini").read_text("utf-8")
    assert "listen = localhost:6543" in ini
    (tmp_path / "development.ini").write_text(ini.replace(":6543", f":{port}"), "utf-8")
    dev_command = template_config("pyramid")["__dev_command"]
    dev_ini = dev_command.replace("development.ini", str(tmp_path / "development.ini"))
    with dev_server(dev_ini, project, env) as process:
        hello = wait_for_answer(f"http://127.0.0.1:{port}/", process)
        assert hello.status_code == 200
        assert hello.text == "Hello World!"
        assert loopback.get(f"http://127.0.0.1:{port}/health", timeout=5).json() == {
            "status": "ok"
        }
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)
