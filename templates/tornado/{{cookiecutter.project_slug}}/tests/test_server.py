"""The production entry point (`python -m <package>`) stops gracefully on SIGTERM."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from tornado.testing import bind_unused_port

from {{ cookiecutter.project_slug }}.config import Settings

PROJECT_DIR = Path(__file__).parents[1]
PACKAGE = "{{ cookiecutter.project_slug }}"


@pytest.fixture
def production_server(settings: Settings) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """Two worker processes, as the Procfile starts them, with a 1 s delay on GET /delay."""
    sock, port = bind_unused_port()
    sock.close()
    env = {
        **os.environ,
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "DELAY_SECONDS": "1",
        "SHUTDOWN_TIMEOUT": "20",
        "LOG_LEVEL": "WARNING",
        "DATABASE_URL": settings.database_url.render_as_string(hide_password=False),
    }
    command = [sys.executable, "-m", PACKAGE]
    process = subprocess.Popen(command, cwd=PROJECT_DIR, env=env)  # noqa: S603 (this Python)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and process.poll() is None:
            try:
                httpx.get(url)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield process, url
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_sigterm_lets_the_request_in_progress_finish_then_exits_at_once(
    production_server: tuple[subprocess.Popen[bytes], str],
) -> None:
    process, url = production_server
    with httpx.Client(base_url=url, timeout=10) as client, ThreadPoolExecutor() as pool:
        assert client.get("/").status_code == 200  # The connection is open and served.
        delayed = pool.submit(client.get, "/delay")
        time.sleep(0.3)
        signalled = time.monotonic()
        process.send_signal(signal.SIGTERM)
        response = delayed.result()
    assert response.status_code == 200
    assert process.wait(timeout=10) == 0
    # The request's second, then nothing left to wait for: well short of the 20 s timeout.
    assert time.monotonic() - signalled < 5
