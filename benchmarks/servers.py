"""Starting a baseline server (an article snippet, a hello app) and stopping its process group."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from support import loopback
from support.live import STARTUP_POLL_SECONDS, start_in_own_session

STARTUP_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0


def wait_until_answering(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the server exited at start:\n{log.read_text()[-4000:]}")
        try:
            if loopback.get(url, timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(STARTUP_POLL_SECONDS)
    raise RuntimeError(f"{url}: no 200 in {STARTUP_TIMEOUT} s:\n{log.read_text()[-4000:]}")


def stop_group(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM the whole group (reloaders have children), then SIGKILL what is left."""
    for signum in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, signum)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=STOP_TIMEOUT)
            # The leader is gone; its workers may linger a moment longer.
            time.sleep(0.2)
        except subprocess.TimeoutExpired:
            continue


@contextmanager
def serving(
    command: str, cwd: Path, env: dict[str, str], probe_url: str, log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """Run `command` in its own session (a process group to measure and stop) until it answers."""
    process = start_in_own_session(command, cwd, env, log)
    try:
        wait_until_answering(probe_url, process, log)
        yield process
    finally:
        stop_group(process)


def print_server_logs(workdir: Path, lines: int = 30) -> None:
    """The end of every server log in `workdir` (service, raw-driver app, hello app, snippet),
    on stderr: a failed run removes its folder, and a server that stopped answering in the
    middle of a load says why only there."""
    for log in sorted(workdir.glob("*.log")):
        tail = log.read_text(errors="replace").splitlines()[-lines:]
        print(f"--- the last lines of {log.name}:", *tail, sep="\n", file=sys.stderr)
