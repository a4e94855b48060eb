"""Tornado only: the production server's workers, its graceful stop, the WebSocket, --debug."""

from __future__ import annotations

import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from support import loopback
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
ECHO_CLIENT = """
import asyncio, sys
from tornado.websocket import websocket_connect

async def echo() -> None:
    connection = await websocket_connect(sys.argv[1])
    await connection.write_message("ping")
    print(await connection.read_message())
    connection.close()

asyncio.run(echo())
"""


@pytest.fixture
def project(default_project: DefaultProject) -> Path:
    return default_project("tornado")


def worker_pids(pid: int) -> set[int]:
    result = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True, check=False
    )
    return {int(line) for line in result.stdout.split()}


def test_workers_finish_requests_in_progress_on_sigterm(project: Path, tmp_path: Path) -> None:
    environment = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'live.db'}",
        "WEB_CONCURRENCY": "2",
        "DELAY_SECONDS": "1.5",
    }
    with procfile_server(project, tmp_path / "server.log", **environment) as server:
        workers = worker_pids(server.process.pid)
        assert len(workers) == 2
        # The production server's own WebSocket echo, through Tornado's client.
        echo = run(
            [".venv/bin/python", "-c", ECHO_CLIENT, server.url.replace("http", "ws") + "/ws"],
            cwd=project,
        )
        assert echo.stdout.strip() == "ping"
        with ThreadPoolExecutor() as pool:
            delayed = pool.submit(loopback.get, f"{server.url}/delay", timeout=10)
            time.sleep(0.5)  # The request is in progress in a worker.
            exit_seconds = server.stop(timeout=10)
            response = delayed.result()
    assert response.status_code == 200
    assert response.json() == {"delay_seconds": 1.5}
    assert server.process.returncode == 0
    assert exit_seconds < 1.5 + 2
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)


def test_debug_command_serves_on_loopback(project: Path, tmp_path: Path) -> None:
    port = free_port()
    env = project_environment(
        project, DATABASE_URL=f"sqlite:///{tmp_path / 'dev.db'}", PORT=str(port)
    )
    run(["sh", "-c", template_config("tornado")["__release_command"]], cwd=project, env=env)
    dev_command = rendered_command(template_config("tornado")["__dev_command"], project)
    with dev_server(dev_command, project, env) as process:
        welcome = wait_for_answer(f"http://127.0.0.1:{port}/", process)
        assert welcome.text == "Welcome to My Service"
        assert loopback.get(f"http://127.0.0.1:{port}/health", timeout=5).json() == {
            "status": "ok"
        }
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
