"""Pyramid only: the development commands of the generated README work as written."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from support.live import project_environment
from support.postgres import free_port
from support.projects import InstallProject, run
from support.templates import choice_questions, template_config, template_names

pytestmark = pytest.mark.slow
STARTUP_TIMEOUT = 60.0


@pytest.fixture
def project(installed_project: InstallProject, request: pytest.FixtureRequest) -> Path:
    if "pyramid" not in (request.config.getoption("template_name") or template_names()):
        pytest.skip("the Pyramid template is not selected")
    answers = {key: choices[0] for key, choices in choice_questions("pyramid").items()}
    return installed_project("pyramid", answers)


def wait_for(url: str, process: subprocess.Popen[bytes]) -> httpx.Response:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server exited at start"
        try:
            return httpx.get(url, timeout=2)
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError(f"no answer from {url} in {STARTUP_TIMEOUT} s")


def test_pserve_serves_development_ini(project: Path, tmp_path: Path) -> None:
    env = project_environment(project, DATABASE_URL=f"sqlite:///{tmp_path / 'dev.db'}")
    run(["alembic", "-c", "development.ini", "upgrade", "head"], cwd=project, env=env)
    # The README's command, on a copy of development.ini that listens on a free port.
    port = free_port()
    ini = (project / "development.ini").read_text("utf-8")
    assert "listen = localhost:6543" in ini
    (tmp_path / "development.ini").write_text(ini.replace(":6543", f":{port}"), "utf-8")
    dev_command = template_config("pyramid")["__dev_command"]
    process = subprocess.Popen(
        [
            "sh",
            "-c",
            "exec " + dev_command.replace("development.ini", str(tmp_path / "development.ini")),
        ],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        hello = wait_for(f"http://127.0.0.1:{port}/", process)
        assert hello.status_code == 200
        assert hello.text == "Hello World!"
        assert httpx.get(f"http://127.0.0.1:{port}/health", timeout=5).json() == {"status": "ok"}
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
