"""The Procfile's processes: the release step migrates a new database, then the web process
serves it and stops on SIGTERM (the same test for each framework that ships it)."""

import os
import shlex
import socket
import subprocess
import sys
from pathlib import Path

import httpx

from .server_answers import first_answer

PROJECT = Path(__file__).resolve().parents[1]


def procfile(process: str) -> str:
    for line in (PROJECT / "Procfile").read_text("utf-8").splitlines():
        name, _, command = line.partition(": ")
        if name == process:
            return command
    raise LookupError(process)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_release_then_web(tmp_path: Path) -> None:
    port = free_port()
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'served.db'}",
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
    }
    bin_folder = str(Path(sys.executable).parent)
    environment["PATH"] = bin_folder + os.pathsep + environment["PATH"]
    release = shlex.split(procfile("release"))
    subprocess.run(release, cwd=PROJECT, env=environment, check=True, timeout=60)  # noqa: S603 (ours)
    server = subprocess.Popen(  # noqa: S603 (the project's own command)
        ["/bin/sh", "-c", f"exec {procfile('web')}"], cwd=PROJECT, env=environment
    )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=2) as probe:
            health = first_answer(probe, "/health", server, within=30)
        assert (health.status_code, health.json()) == (200, {"status": "ok"})
    finally:
        server.terminate()
        assert server.wait(timeout=10) == 0
