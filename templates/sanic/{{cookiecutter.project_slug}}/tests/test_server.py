"""The production server (the Procfile's `web` command) stops at once on SIGTERM, even while its
workers are still starting, and kills a worker that outlives the grace (see
{{ cookiecutter.project_slug }}/stopping.py)."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import cast

import httpx
import pytest
from sqlalchemy.engine import URL

from {{ cookiecutter.project_slug }}.stopping import StoppableWorkerManager, stop_workers

from .server_answers import first_answer

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
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=1) as probe:
            # The first answer: one worker serves, the other may still be starting.
            first_answer(probe, "/health", process)
        signalled = time.monotonic()
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
        assert time.monotonic() - signalled < 2
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


class Worker:
    """A process as Sanic's manager knows its workers: one that SIGTERM ends, or one that
    ignores it."""

    def __init__(self, *, ignores_sigterm: bool) -> None:
        handling = "SIG_IGN" if ignores_sigterm else "SIG_DFL"
        code = f"import signal, time; signal.signal(signal.SIGTERM, signal.{handling}); "
        code += "print(flush=True); time.sleep(30)"
        command = [sys.executable, "-c", code]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE)  # noqa: S603 (ours)
        self.pid = self.process.pid
        assert self.process.stdout is not None
        with self.process.stdout:
            self.process.stdout.readline()  # Its signal handling is set.

    def is_alive(self) -> bool:
        return self.process.poll() is None

    def end(self) -> int:
        """Its exit status, once it has ended (killed if it still runs after 5 s)."""
        try:
            return self.process.wait(timeout=5)
        finally:
            if self.is_alive():
                self.process.kill()
                self.process.wait()


class Workers:
    """What stop_workers uses of Sanic's worker manager: its processes and its own stop, which
    sends them SIGTERM."""

    stopping = False

    def __init__(self, *processes: Worker) -> None:
        self.processes = processes

    def shutdown_signal(self, signum: int, _frame: object) -> None:
        for process in self.processes:
            os.kill(process.pid, signum)


def test_a_worker_alive_after_the_grace_is_killed(caplog: pytest.LogCaptureFixture) -> None:
    stubborn, obedient = Worker(ignores_sigterm=True), Worker(ignores_sigterm=False)
    workers = Workers(stubborn, obedient)
    listening = socket.create_server(("127.0.0.1", 0))
    stop_workers(cast(StoppableWorkerManager, workers), [listening], grace=0.1)
    assert (stubborn.end(), obedient.end()) == (-signal.SIGKILL, -signal.SIGTERM)
    assert workers.stopping
    assert listening.fileno() == -1  # Closed: new clients are refused.
    assert f"Killing worker {stubborn.pid}: still running after the stop." in caplog.messages


def test_the_stop_ends_once_the_workers_have() -> None:
    obedient = Worker(ignores_sigterm=False)
    started = time.monotonic()
    stop_workers(cast(StoppableWorkerManager, Workers(obedient)), [], grace=10)
    assert time.monotonic() - started < 5
    assert obedient.end() == -signal.SIGTERM
