"""The Procfile's web process, `python -m` the package: on SIGTERM it finishes the request in
flight and exits 0, promptly."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
PACKAGE = "{{ cookiecutter.project_slug }}"
STARTUP_TIMEOUT = 30.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(
    database_url: str, log: Path, api_token: str = ""
) -> tuple[subprocess.Popen[bytes], int]:
    """The entry point in a child process, returned as soon as its port accepts connections:
    CherryPy's engine may still be starting then.
    """
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "PORT": str(port), "API_TOKENS": api_token}
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 (this Python, this package)
            [sys.executable, "-m", PACKAGE],
            cwd=PROJECT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=output,
        )
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, port
        except OSError:
            assert process.poll() is None, f"the server exited at start:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"the server did not start:\n{log.read_text()}"
            time.sleep(0.005)


@pytest.fixture
def server(
    database_url: str, live_url: str, api_token: str, tmp_path: Path
) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """A started server on the test database (`live_url` migrated it)."""
    process, port = start_server(database_url, tmp_path / "server.log", api_token)
    try:
        yield process, port
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_sigterm_while_the_engine_starts_exits_0(
    database_url: str, live_url: str, tmp_path: Path
) -> None:
    """A deploy may stop a process that has only just started: CherryPy's own handler exits 70
    then, ours lets the start finish and stops cleanly."""
    process, _ = start_server(database_url, tmp_path / "server.log")
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=10) == 0


def test_sigterm_finishes_the_request_in_flight_and_exits_0(
    server: tuple[subprocess.Popen[bytes], int], api_token: str
) -> None:
    process, port = server
    body = b'{"name": "in flight"}'
    head = (
        "POST /api/items HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Authorization: Bearer {api_token}\r\nContent-Length: {len(body)}\r\n"
        "Expect: 100-continue\r\nConnection: close\r\n\r\n"
    )
    with (
        socket.create_connection(("127.0.0.1", port)) as connection,
        connection.makefile("rb") as response,
    ):
        connection.sendall(head.encode())
        # A server thread has read the headers and now waits for the body.
        assert response.readline().startswith(b"HTTP/1.1 100 ")
        assert response.readline() == b"\r\n"
        stopping = time.monotonic()
        process.send_signal(signal.SIGTERM)
        time.sleep(0.3)
        connection.sendall(body)
        assert response.readline().startswith(b"HTTP/1.1 201 ")
    assert process.wait(timeout=10) == 0
    # Well under this on an idle machine (about 0.6 s); the margin is for busy CI runners.
    assert time.monotonic() - stopping < 5
