"""The production entry point (`python -m <package>`): its options, and its graceful stop on
SIGTERM, of the parent and its workers or of a single process; the wait for requests in
progress is bounded."""

import asyncio
import os
import runpy
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from tornado.testing import bind_unused_port
from tornado.websocket import websocket_connect

from {{ cookiecutter.project_slug }}.config import Settings
from {{ cookiecutter.project_slug }}.server import Service, serve

from .server_answers import first_answer

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
        with httpx.Client(base_url=url) as probe:
            first_answer(probe, "/", process, within=30)
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


def test_help_names_the_options(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", [PACKAGE, "--help"])
    # The entry point loads .env into the environment first: keep that to this test.
    monkeypatch.setattr(os, "environ", os.environ.copy())
    with pytest.raises(SystemExit) as exited:
        runpy.run_module(PACKAGE, run_name="__main__")
    assert exited.value.code == 0
    listed = capsys.readouterr().err
    assert "--debug" in listed
    assert "--host" in listed


async def test_one_process_stops_on_sigterm(settings: Settings) -> None:
    """One process (WEB_CONCURRENCY=1, or --debug) has no parent's pipe: SIGTERM stops it."""
    sock, port = bind_unused_port()
    serving = asyncio.create_task(serve(settings, [sock], None))
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
        # Answered: serve's handler has replaced SIGTERM's default, which would end the tests.
        assert (await client.get("/health")).status_code == 200
        os.kill(os.getpid(), signal.SIGTERM)
        await asyncio.wait_for(serving, timeout=10)


async def test_a_worker_stops_when_its_parent_closes_the_pipe(settings: Settings) -> None:
    """A forked worker serves until the pipe from its parent closes (see fork_workers)."""
    sock, port = bind_unused_port()
    read_end, write_end = os.pipe()
    try:
        serving = asyncio.create_task(serve(settings, [sock], read_end))
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            assert (await client.get("/health")).status_code == 200
            os.close(write_end)
            await asyncio.wait_for(serving, timeout=10)
            with pytest.raises(httpx.ConnectError):
                await client.get("/health")
    finally:
        os.close(read_end)


async def test_a_stopping_server_closes_its_websockets_as_going_away(settings: Settings) -> None:
    sock, port = bind_unused_port()
    service = Service(settings, [sock])
    connection = await websocket_connect(f"ws://127.0.0.1:{port}/ws")
    await service.stop()
    assert await connection.read_message() is None
    assert connection.close_code == 1001


async def test_a_request_past_the_shutdown_timeout_is_cut_off(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    slow = replace(settings, delay_seconds=0.5, shutdown_timeout=0.1)
    sock, port = bind_unused_port()
    service = Service(slow, [sock])
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
        delayed = asyncio.create_task(client.get("/delay"))
        while not service.application.requests_in_flight:
            await asyncio.sleep(0.01)
        await service.stop()
        with pytest.raises(httpx.RemoteProtocolError):
            await delayed
    assert "Stopping with 1 requests unfinished after 0.1 s" in caplog.messages
    await asyncio.sleep(slow.delay_seconds)  # The handler ends, on its closed connection.
