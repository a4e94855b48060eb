"""The production server (the Procfile's `web` command) stops at once on SIGTERM, even while its
workers are still starting (see {{ cookiecutter.project_slug }}/stopping.py)."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from sqlalchemy.engine import URL

PROJECT_DIR = Path(__file__).parents[1]


def web_command() -> str:
    procfile = (PROJECT_DIR / "Procfile").read_text("utf-8")
    return next(line for line in procfile.splitlines() if line.startswith("web:"))[4:].strip()


def free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as sock:
        port: int = sock.getsockname()[1]
        return port


def test_sigterm_as_soon_as_it_answers_exits_0_within_2_s(database_url: URL) -> None:
    port = free_port()
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "DATABASE_URL": database_url.render_as_string(hide_password=False),
    }
    process = subprocess.Popen(  # noqa: S603 (the project's own command)
        ["/bin/sh", "-c", f"exec {web_command()}"], cwd=PROJECT_DIR, env=env
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            try:
                # The first answer: one worker serves, the other may still be starting.
                httpx.get(f"http://127.0.0.1:{port}/health", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.02)
        signalled = time.monotonic()
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
        assert time.monotonic() - signalled < 2
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
