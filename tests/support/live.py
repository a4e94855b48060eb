"""Running a generated project's Procfile web process as production runs it."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shlex
import signal
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from uv import find_uv_bin

from . import loopback
from .access import AUTHORIZATION, SERVER_ENVIRONMENT
from .postgres import create_database, free_port
from .projects import clean_environment, read_procfile, run
from .templates import template_config

STARTUP_TIMEOUT = 60.0
# How often a starting server is asked whether it answers: a refused connection costs little,
# and each start waits half a step on average.
STARTUP_POLL_SECONDS = 0.05
# The bound on a server's exit after SIGTERM under load (test_live_traffic.py), which the
# Kubernetes manifests' grace period allows for: room to spare under the usual 2 s.
SHUTDOWN_LIMIT = 1.5


@dataclass
class LiveServer:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self, timeout: float = 10.0) -> float:
        """Send SIGTERM and return the seconds the server took to exit."""
        started = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            log = self.log.read_text(errors="replace")[-4000:]
            raise AssertionError(f"still running {timeout} s after SIGTERM:\n{log}") from None
        return time.monotonic() - started


def create_items(server: LiveServer, names: list[str]) -> list[dict[str, object]]:
    """POST one item per name; each must be created."""
    created = []
    for name in names:
        response = loopback.post(
            f"{server.url}/api/items", json={"name": name}, headers=AUTHORIZATION, timeout=10
        )
        assert response.status_code == 201, response.text
        created.append(response.json())
    return created


def listed_items(server: LiveServer) -> list[dict[str, object]]:
    """The first page of GET /api/items, as long as the contract lets it be."""
    response = loopback.get(f"{server.url}/api/items", params={"limit": 100}, timeout=10)
    assert response.status_code == 200, response.text
    items: list[dict[str, object]] = response.json()
    return items


@dataclass(frozen=True)
class LoggedRequest:
    """A request made to be found in the server's log: a unique id and a unique path."""

    request_id: str
    method: str
    path: str
    status: int


def request_to_find_in_the_log(server: LiveServer) -> LoggedRequest:
    """GET an item that cannot exist yet, under a unique X-Request-ID: a 404 to look up."""
    request_id = f"suite-{uuid.uuid4().hex}"
    path = f"/api/items/{secrets.randbelow(10**9) + 10**9}"
    headers = {"X-Request-ID": request_id}
    response = loopback.get(f"{server.url}{path}", headers=headers, timeout=10)
    assert response.status_code == 404, response.text
    assert response.headers["X-Request-ID"] == request_id
    return LoggedRequest(request_id, "GET", path, 404)


def assert_one_json_access_line(log: str, request: LoggedRequest) -> None:
    """The request left exactly one line in the log: the app's JSON access line, with its
    fields and its id (no server access log besides it)."""
    lines = [line for line in log.splitlines() if request.path in line]
    assert len(lines) == 1, "\n".join(["one access line expected, found:", *lines])
    record = json.loads(lines[0])
    expected = {
        "level": "INFO",
        "logger": "access",
        "request_id": request.request_id,
        "method": request.method,
        "path": request.path,
        "status": request.status,
        "client": "127.0.0.1",
    }
    assert {name: record.get(name) for name in expected} == expected, record
    assert record["time"], record
    assert isinstance(record["duration_ms"], int | float), record
    assert record["duration_ms"] >= 0, record


def project_environment(project: Path, **overrides: str) -> dict[str, str]:
    """The environment of a project's command: its venv first on PATH, the suite's token and
    origin (support/access.py), then `overrides`."""
    venv_bin = project / ".venv" / "bin"
    path = f"{venv_bin}{os.pathsep}{os.environ['PATH']}"
    return clean_environment(**{"PATH": path, **SERVER_ENVIRONMENT, **overrides})


def wait_until_healthy(server: LiveServer, *, status: int | None = 200) -> None:
    """Wait for /health to answer `status` (any status: None)."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise AssertionError(f"the server exited at start:\n{server.log.read_text()[-4000:]}")
        try:
            answer = loopback.get(f"{server.url}/health", timeout=2).status_code
            if status is None or answer == status:
                return
        except httpx.TransportError:
            pass
        time.sleep(STARTUP_POLL_SECONDS)
    raise AssertionError(
        f"no healthy answer in {STARTUP_TIMEOUT} s:\n{server.log.read_text()[-4000:]}"
    )


# The session's shared production server of a template, and the project it serves (conftest.py).
ServedServer = Callable[[str], tuple[Path, LiveServer]]


def build_command(template: str) -> list[str]:
    """The template's build step, which its Dockerfile runs (Django: collectstatic), if any."""
    command = template_config(template).get("__build_command", "")
    assert "{{" not in command, f"{template}: __build_command needs rendering: {command}"
    return shlex.split(command)


def live_database_url(
    request: pytest.FixtureRequest, database: str, name: str, folder: Path
) -> str:
    """An empty database for a live test: a SQLite file in `folder`, or a new database of that
    name on the session's PostgreSQL server."""
    if database == "postgresql":
        return create_database(request.getfixturevalue("postgres_server"), name)
    return f"sqlite:///{folder / name}.db"


@contextmanager
def procfile_server(project: Path, log: Path, **environment: str) -> Iterator[LiveServer]:
    """Run `release`, then start `web` on a free loopback port; kill it if a test leaves it."""
    with start_procfile(project, log, environment, release=True) as server:
        yield server


@contextmanager
def procfile_web_without_release(
    project: Path, log: Path, **environment: str
) -> Iterator[LiveServer]:
    """Start `web` alone, as on a database nobody migrated; yielded once /health answers,
    whatever it answers."""
    with start_procfile(project, log, environment, release=False) as server:
        yield server


@contextmanager
def start_procfile(
    project: Path,
    log: Path,
    environment: dict[str, str],
    *,
    release: bool,
    command: str | None = None,
    port: int | None = None,
) -> Iterator[LiveServer]:
    """Start the Procfile's `web` process (or `command`) after its `release` step if asked, on
    `port` or a free one."""
    processes = read_procfile(project)
    port = port or free_port()
    env = project_environment(project, PORT=str(port), **environment)
    if release:
        run(["sh", "-c", processes["release"]], cwd=project, env=env)
    process = start_in_own_session(command or processes["web"], project, env, log)
    server = LiveServer(f"http://127.0.0.1:{port}", process, log)
    try:
        wait_until_healthy(server, status=200 if release else None)
        yield server
    except Exception as error:
        # A server that stopped answering in the middle of a test says why only in its log.
        error.add_note(log_tail(log))
        raise
    finally:
        kill_group(process)


def log_tail(log: Path, lines: int = 40) -> str:
    """The end of a server's log, to show with a failure."""
    tail = log.read_text(errors="replace").splitlines()[-lines:] if log.exists() else []
    return "\n".join([f"--- the last lines of the server's log, {log.name}:", *tail])


def readme_web_command(project: Path) -> str:
    """The generated README's command line that starts the production server (`uv run` and the
    Procfile's `web` command), with the suite's uv and without a sync."""
    web = read_procfile(project)["web"]
    readme = (project / "README.md").read_text("utf-8")
    [line] = {
        line.strip()
        for line in readme.splitlines()
        if line.startswith("    uv run ") and web in line
    }
    return f"{shlex.quote(find_uv_bin())} run --no-sync {line.removeprefix('uv run ')}"


@contextmanager
def readme_server(project: Path, log: Path, **environment: str) -> Iterator[LiveServer]:
    """Run `release`, then the production server as the generated README starts it, on a free
    loopback port: the process a signal reaches is uv's, which must pass it on."""
    command = readme_web_command(project)
    with start_procfile(project, log, environment, release=True, command=command) as server:
        yield server


def rendered_command(command: str, project: Path) -> str:
    """A command from cookiecutter.json as the project's files have it."""
    return command.replace("{{ cookiecutter.project_slug }}", project.name)


@contextmanager
def dev_server(
    command: str, project: Path, env: dict[str, str]
) -> Iterator[subprocess.Popen[bytes]]:
    """Run a development server command; kill its process group (reloader children too) after."""
    process = start_in_own_session(command, project, env)
    try:
        yield process
    finally:
        kill_group(process)


def check_dev_command_serves_on_loopback(template: str, project: Path, folder: Path) -> None:
    """The generated README's development server, on a migrated SQLite file in `folder` and
    the port PORT names: its welcome page and /health answer."""
    config = template_config(template)
    port = free_port()
    env = project_environment(
        project, DATABASE_URL=f"sqlite:///{folder / 'dev.db'}", PORT=str(port)
    )
    run(["sh", "-c", rendered_command(config["__release_command"], project)], cwd=project, env=env)
    with dev_server(rendered_command(config["__dev_command"], project), project, env) as process:
        welcome = wait_for_answer(f"http://127.0.0.1:{port}/", process)
        assert welcome.status_code == 200
        assert loopback.get(f"http://127.0.0.1:{port}/health", timeout=5).json() == {
            "status": "ok"
        }


def start_in_own_session(
    command: str, cwd: Path, env: dict[str, str], log: Path | None = None
) -> subprocess.Popen[bytes]:
    """Start `exec command` as the leader of a new session, its output to `log` (or dropped).

    exec: the server (or its reloader) itself gets the signals, as in the container; its own
    session makes it and its workers one process group, to measure and to stop together.
    """
    with log.open("wb") if log else open(os.devnull, "wb") as output:
        return subprocess.Popen(
            ["sh", "-c", f"exec {command}"],
            cwd=cwd,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def kill_group(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL the process group a test left running, workers and reloader children included,
    even once its leader has exited (a shell that died alone left its server running)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def wait_for_answer(url: str, process: subprocess.Popen[bytes]) -> httpx.Response:
    """The first answer from `url`, while `process` runs, within STARTUP_TIMEOUT."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server exited at start"
        try:
            return loopback.get(url, timeout=2)
        except httpx.TransportError:
            time.sleep(STARTUP_POLL_SECONDS)
    raise AssertionError(f"no answer from {url} in {STARTUP_TIMEOUT} s")
