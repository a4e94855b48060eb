"""The Procfile web process under faults: SIGTERM mid-request or right after start, a worker
killed, a database that stops. (A restart is part of a deploy's life in test_live.py.)

Each test starts the production server exactly as the Procfile does (`procfile_server`). The
database-down test stops and starts the session's own PostgreSQL server (`local_postgres`):
the tests run one at a time, and it is started again before the test ends.
"""

from __future__ import annotations

import os
import signal
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from support import loopback
from support.access import AUTHORIZATION
from support.figures import Figures
from support.live import (
    LiveServer,
    create_items,
    listed_items,
    procfile_server,
    procfile_web_without_release,
)
from support.postgres import PostgresServer, create_database
from support.processes import ProcessInfo, worker_processes
from support.projects import InstallProject
from support.templates import served_answers

pytestmark = [pytest.mark.slow, pytest.mark.live]

# The bound: a SIGTERM-ed server has finished its request and exited within 2 s.
SIGTERM_EXIT_LIMIT = 2.0
# Long enough for the server to start on the held request before the signal.
HOLD_SECONDS = 0.5
RECOVERY_TIMEOUT = 30.0
# The templates whose web process does not start a dead worker again: restarting the process
# is then the supervisor's work (the container's restart policy, Kubernetes).
NO_WORKER_RESTART = {
    "cherrypy": "CherryPy serves from one process, with threads",
    "sanic": "Sanic's worker manager leaves a dead worker dead; the others serve on"
    " (sanic-org/sanic#3062)",
}
PROBLEM_JSON = "application/problem+json"


def project_for(template: str, database: str, installed_project: InstallProject) -> Path:
    # The same answers as test_live.py, so the session's installed project is reused.
    return installed_project(template, served_answers(template, database))


def sqlite_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'faults.db'}"


class HeldRequest:
    """A POST /api/items whose body is sent in two parts, so the request stays in flight."""

    def __init__(self, url: str, name: str) -> None:
        address = urlsplit(url)
        body = f'{{"name": "{name}", "description": "sent across a SIGTERM"}}'.encode()
        head = (
            f"POST /api/items HTTP/1.1\r\nHost: {address.netloc}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
            f"Authorization: {AUTHORIZATION['Authorization']}\r\n"
            "Connection: close\r\n\r\n"
        ).encode()
        self.rest = body[len(body) // 2 :]
        self.connection = socket.create_connection((address.hostname, address.port), timeout=10)
        self.connection.sendall(head + body[: len(body) // 2])

    def finish(self) -> tuple[int, bytes]:
        """Send the rest of the body; return the status and the whole raw response."""
        with self.connection:
            self.connection.sendall(self.rest)
            response = b""
            while chunk := self.connection.recv(65536):
                response += chunk
        status_line = response.split(b"\r\n", 1)[0].split()
        assert status_line[:1] == [b"HTTP/1.1"], (
            f"no HTTP answer to the held request: {response!r}"
        )
        return int(status_line[1]), response


def outcome_once_shutdown_begins(url: str) -> str:
    """What a client connecting after SIGTERM gets once the server has acted on the signal.

    The server takes a moment to stop listening (Granian's workers learn of the signal from its
    main process, later on a loaded machine); until then a newcomer may still be served. Asked
    every 0.1 s for half the exit limit, the answer must turn to "refused" while the held
    request is still in flight.
    """
    deadline = time.monotonic() + SIGTERM_EXIT_LIMIT / 2
    time.sleep(HOLD_SECONDS)
    outcome = new_connection_outcome(url)
    while outcome != "refused" and time.monotonic() < deadline:
        time.sleep(0.1)
        outcome = new_connection_outcome(url)
    return outcome


def new_connection_outcome(url: str) -> str:
    """What a client connecting now gets: "refused", or what happened to its request."""
    address = urlsplit(url)
    try:
        connection = socket.create_connection((address.hostname, address.port), timeout=1)
    except ConnectionRefusedError:
        return "refused"
    with connection:
        try:
            connection.sendall(f"GET /health HTTP/1.1\r\nHost: {address.netloc}\r\n\r\n".encode())
            answer = connection.recv(65536)
        except TimeoutError:
            return "accepted, never answered"
        except ConnectionError:
            return "accepted, then reset"
    return f"answered {answer[:40]!r}" if answer else "accepted, then closed"


def test_sigterm_finishes_the_request_in_flight_and_refuses_new_ones(
    template: str, installed_project: InstallProject, tmp_path: Path, figures: Figures
) -> None:
    project = project_for(template, "sqlite", installed_project)
    url = sqlite_url(tmp_path)
    with procfile_server(project, tmp_path / "server.log", DATABASE_URL=url) as server:
        held = HeldRequest(server.url, "in flight")
        time.sleep(HOLD_SECONDS)
        signalled = time.monotonic()
        server.process.terminate()
        newcomer = outcome_once_shutdown_begins(server.url)
        status, response = held.finish()
        server.process.wait(timeout=10)
        exit_seconds = time.monotonic() - signalled
    figures.add(
        "SIGTERM with a request in flight",
        template=template,
        held_request=status,
        new_connection=newcomer,
        exit_code=server.process.returncode,
        exit_s=exit_seconds,
    )
    assert status == 201, response.decode(errors="replace")
    assert newcomer == "refused"
    assert server.process.returncode == 0, server.log.read_text()[-4000:]
    assert exit_seconds <= SIGTERM_EXIT_LIMIT


def test_tornado_sigterm_lets_the_delayed_handler_answer(
    template: str, installed_project: InstallProject, tmp_path: Path, figures: Figures
) -> None:
    """The article's slow request, with the shipped DELAY_SECONDS, survives a SIGTERM."""
    if template != "tornado":
        pytest.skip("only the Tornado template has the delayed handler")
    project = project_for(template, "sqlite", installed_project)
    url = sqlite_url(tmp_path)
    with procfile_server(project, tmp_path / "server.log", DATABASE_URL=url) as server:
        with ThreadPoolExecutor(max_workers=1) as pool:
            delayed = pool.submit(loopback.get, f"{server.url}/delay", timeout=10)
            time.sleep(0.2)  # The request has reached a worker and waits.
            signalled = time.monotonic()
            server.process.terminate()
            response = delayed.result()
            server.process.wait(timeout=10)
        exit_seconds = time.monotonic() - signalled
    figures.add(
        "SIGTERM with a request in flight",
        template="tornado /delay",
        held_request=response.status_code,
        exit_code=server.process.returncode,
        exit_s=exit_seconds,
    )
    assert response.status_code == 200
    assert "delay_seconds" in response.json()
    assert server.process.returncode == 0
    assert exit_seconds <= SIGTERM_EXIT_LIMIT


def test_sigterm_as_soon_as_it_answers_stops_the_server(
    template: str, installed_project: InstallProject, tmp_path: Path, figures: Figures
) -> None:
    """A deploy that stops a server which has just started: other workers may still be starting.

    Granian 2.8 waits forever for a worker that gets the signal while it loads the app, unless
    its --workers-kill-timeout is set. The web process alone: its first answer, whatever it
    says (a 503 on a database not migrated yet), is the moment, and a release step would only
    add to the test's time.
    """
    project = project_for(template, "sqlite", installed_project)
    url = sqlite_url(tmp_path)
    log = tmp_path / "server.log"
    with procfile_web_without_release(project, log, DATABASE_URL=url) as server:
        exit_seconds = server.stop(timeout=10)
    figures.add("SIGTERM right after start", template=template, exit_s=exit_seconds)
    assert server.process.returncode == 0


def test_a_killed_worker_is_started_again(
    template: str, installed_project: InstallProject, tmp_path: Path, figures: Figures
) -> None:
    """A worker that dies (a crash, the kernel's out-of-memory killer) is replaced while the
    others serve, instead of taking the whole server down with it."""
    if template in NO_WORKER_RESTART:
        pytest.skip(NO_WORKER_RESTART[template])
    project = project_for(template, "sqlite", installed_project)
    with procfile_server(
        project, tmp_path / "server.log", DATABASE_URL=sqlite_url(tmp_path)
    ) as server:
        workers = worker_processes(server.process.pid)
        assert len(workers) >= 2, workers
        killed = workers[0]
        os.kill(killed.pid, signal.SIGKILL)
        started = time.monotonic()
        replaced = wait_for_replacement(server, killed, len(workers))
        replaced_after = time.monotonic() - started
        wait_for_recovery(server)
        figures.add(
            "A worker killed",
            template=template,
            replaced_after_s=replaced_after,
            answering_after_s=time.monotonic() - started,
        )
        assert server.process.poll() is None
        assert killed not in replaced


def wait_for_replacement(server: LiveServer, killed: ProcessInfo, count: int) -> list[ProcessInfo]:
    """The server's workers once it has `count` of them again, the killed one gone."""
    deadline = time.monotonic() + RECOVERY_TIMEOUT
    while time.monotonic() < deadline:
        assert server.process.poll() is None, "the server exited with its worker"
        workers = worker_processes(server.process.pid)
        if len(workers) == count and killed not in workers:
            return workers
        time.sleep(0.1)
    raise AssertionError(f"no worker replaced the killed one in {RECOVERY_TIMEOUT} s")


def answers_503_problems(server: LiveServer) -> None:
    """Health, a read and a write, several of each at once, so every worker meets the outage."""

    def call(method: str, path: str) -> httpx.Response:
        body = {"name": "lost"} if method == "POST" else None
        url = f"{server.url}{path}"
        return loopback.request(method, url, json=body, headers=AUTHORIZATION, timeout=30)

    calls = [("GET", "/health"), ("GET", "/api/items"), ("POST", "/api/items")] * 4
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        responses = list(pool.map(lambda method_path: call(*method_path), calls))
    for response in responses:
        assert response.status_code == 503, (response.request.url, response.text)
        assert response.headers["content-type"].startswith(PROBLEM_JSON), response.headers
        assert response.json()["status"] == 503


def wait_for_recovery(server: LiveServer) -> None:
    """Until /health and the API answer 200 several times in a row (every worker recovered).

    A refused connection counts as not yet: a worker killed while the other was still loading
    the app leaves none listening until one of them has.
    """
    deadline = time.monotonic() + RECOVERY_TIMEOUT
    in_a_row = 0
    while in_a_row < 8:
        if time.monotonic() > deadline:
            raise AssertionError(
                f"no recovery in {RECOVERY_TIMEOUT} s:\n{server.log.read_text()[-4000:]}"
            )
        try:
            health = loopback.get(f"{server.url}/health", timeout=10)
            listing = loopback.get(f"{server.url}/api/items", timeout=10)
        except httpx.ConnectError:
            ok = False
        else:
            ok = health.status_code == 200 and listing.status_code == 200
        in_a_row = in_a_row + 1 if ok else 0
        if not ok:
            time.sleep(0.2)


def test_postgresql_down_answers_503_and_recovers_without_a_restart(
    template: str,
    installed_project: InstallProject,
    local_postgres: PostgresServer,
    tmp_path: Path,
    figures: Figures,
) -> None:
    """PostgreSQL only: SQLite cannot be "down" for a running service.

    SQLite is a library inside the server process, not a server that stops. Removing or
    renaming its file (or folder) leaves every open connection reading and writing the
    unlinked file, and making it unreadable is ignored for root, the container's user: only
    new connections would fail, so a 503 would measure each framework's pool, not an outage.
    The generated projects' own tests cover the SQLite 503 of /health (a file that cannot be
    opened).
    """
    project = project_for(template, "postgresql", installed_project)
    url = create_database(local_postgres.url, f"faults_{template}")
    with procfile_server(project, tmp_path / "server.log", DATABASE_URL=url) as server:
        created = create_items(server, ["kept while the database is down"])
        local_postgres.stop()
        try:
            answers_503_problems(server)
        finally:
            local_postgres.start()
        started = time.monotonic()
        wait_for_recovery(server)
        figures.add(
            "PostgreSQL down and back",
            template=template,
            recovered_after_s=time.monotonic() - started,
        )
        assert listed_items(server) == created
        assert server.process.poll() is None
