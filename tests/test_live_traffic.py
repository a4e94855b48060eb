"""The Procfile web process under traffic: load, schemathesis and hand-made bad HTTP input.

One server per template serves the whole module (SQLite, the default render). Speed is printed,
never asserted; what is asserted is correctness: no 5xx, nothing lost, the contract's problem
details for every bad request, and a server that still answers afterwards.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from support import loopback
from support.access import AUTHORIZATION
from support.contract import SECURITY_HEADERS as CONTRACT_SECURITY_HEADERS
from support.figures import Figures
from support.live import (
    SHUTDOWN_LIMIT,
    LiveServer,
    ServedServer,
    readme_server,
)
from support.templates import ROOT, template_names
from support.traffic import (
    LoadResult,
    chunked,
    closed_by_peer,
    connect,
    list_every_item,
    read_response,
    request_head,
    run_load,
    send_in_background,
)

pytestmark = [pytest.mark.slow, pytest.mark.live]

CONNECTIONS = 64
# Long enough for thousands of requests on every template; the figures are not assertions
# (the benchmark measures speed), so a longer load would prove nothing more.
LOAD_SECONDS = 2
SCHEMATHESIS_EXAMPLES = 50
# Fixed, so a CI run can be replayed; change it to explore other cases.
SCHEMATHESIS_SEED = 20261121
# Bounds that only catch a hung server; they are not speed assertions.
ANSWER_TIMEOUT = 10.0
# Lower case, as read_response() keys the headers of a raw response.
SECURITY_HEADERS = {name.lower(): value for name, value in CONTRACT_SECURITY_HEADERS.items()}
MiB = 1024 * 1024


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # Module scope, so the server starts once per template (conftest's `template` is per test).
    if "served_template" in metafunc.fixturenames:
        templates = metafunc.config.getoption("template_name") or template_names()
        metafunc.parametrize("served_template", templates, scope="module")


@pytest.fixture
def server(served_template: str, served_sqlite_server: ServedServer) -> LiveServer:
    """The session's production server of the template (conftest.py), shared with the
    security tier's live tests."""
    return served_sqlite_server(served_template)[1]


@pytest.fixture
def client(server: LiveServer) -> Iterator[httpx.Client]:
    with loopback.client(
        base_url=server.url, headers=AUTHORIZATION, timeout=ANSWER_TIMEOUT
    ) as http:
        yield http


def assert_healthy(server: LiveServer) -> None:
    """A new connection gets /health answered: no worker is hung or dead."""
    response = loopback.get(f"{server.url}/health", timeout=ANSWER_TIMEOUT)
    assert response.status_code == 200, response.text


def assert_security_headers(headers: httpx.Headers | dict[str, str]) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, f"{name}: {headers.get(name)!r}"


def assert_problem(status: int, headers: httpx.Headers | dict[str, str], body: bytes) -> None:
    content_type = headers.get("content-type", "")
    assert content_type.startswith("application/problem+json"), (content_type, body[:300])
    problem = json.loads(body)
    assert problem["type"] == "about:blank"
    assert isinstance(problem["title"], str)
    assert problem["title"]
    assert problem["status"] == status
    assert isinstance(problem["detail"], str)
    if status == 405:
        assert headers.get("allow"), "a 405 names the allowed methods"
    if status == 422:
        assert problem["errors"], "a 422 lists what is wrong"
    assert_security_headers(headers)


# -- load ------------------------------------------------------------------------------------


def test_sigterm_under_load_exits_with_margin(
    served_template: str,
    served_sqlite_server: ServedServer,
    tmp_path: Path,
    figures: Figures,
) -> None:
    """A server started as its README starts it (`uv run sh -c '<web>'`) exits with code 0
    within SHUTDOWN_LIMIT of a SIGTERM that reaches it while CONNECTIONS clients load it: well
    inside the 2 s a platform grants before it kills."""
    project = served_sqlite_server(served_template)[0]
    database_url = f"sqlite:///{tmp_path / 'shutdown.db'}"
    with (
        readme_server(project, tmp_path / "server.log", DATABASE_URL=database_url) as server,
        ThreadPoolExecutor(max_workers=1) as executor,
    ):
        report = tmp_path / "wrk.txt"
        stopped = threading.Event()
        load = executor.submit(
            run_load,
            server.url,
            "GET",
            report,
            connections=CONNECTIONS,
            seconds=LOAD_SECONDS + 1,
            stop=stopped,
        )
        time.sleep(LOAD_SECONDS / 2)
        exit_seconds = server.stop(timeout=10)
        stopped.set()
        served = load.result().statuses[200]
    figures.add("SIGTERM under load", template=served_template, served=served, exit_s=exit_seconds)
    assert served > CONNECTIONS, "the load had not begun"
    assert server.process.returncode == 0, server.log.read_text(errors="replace")[-4000:]
    assert exit_seconds <= SHUTDOWN_LIMIT


def load_and_report(
    template: str, server: LiveServer, method: str, tmp_path: Path, figures: Figures
) -> LoadResult:
    """Drive `method /api/items` with wrk and report its rate (reported, never asserted)."""
    result = run_load(
        server.url, method, tmp_path / "wrk.txt", connections=CONNECTIONS, seconds=LOAD_SECONDS
    )
    figures.add(
        f"load, {CONNECTIONS} connections",
        template=template,
        request=f"{method} /api/items",
        requests=result.requests,
        requests_per_s=round(result.requests_per_second),
        statuses=result.status_counts(),
    )
    return result


def test_post_load_loses_no_item(
    served_template: str,
    server: LiveServer,
    client: httpx.Client,
    tmp_path: Path,
    figures: Figures,
) -> None:
    result = load_and_report(served_template, server, "POST", tmp_path, figures)
    assert result.errors == dict.fromkeys(result.errors, 0)
    assert set(result.statuses) == {201}
    assert len(result.locations) == result.statuses[201]

    created = {int(location.rsplit("/", 1)[1]) for location in result.locations}
    assert len(created) == len(result.locations), "two 201s named the same item"
    stored = {item["id"]: item for item in list_every_item(client)}
    lost = created - stored.keys()
    assert not lost, f"{len(lost)} created items are not listed"
    assert all(str(stored[id_]["name"]).startswith("load ") for id_ in created)
    # Requests still in flight when wrk stopped may have created an item it never counted.
    uncounted = {i for i, item in stored.items() if str(item["name"]).startswith("load ")}
    assert len(uncounted - created) <= CONNECTIONS
    for location in (result.locations[0], result.locations[-1]):
        assert client.get(location).status_code == 200


def test_get_load_answers_every_request(
    served_template: str, server: LiveServer, tmp_path: Path, figures: Figures
) -> None:
    result = load_and_report(served_template, server, "GET", tmp_path, figures)
    assert result.errors == dict.fromkeys(result.errors, 0)
    assert set(result.statuses) == {200}
    assert_healthy(server)


# -- schemathesis ----------------------------------------------------------------------------


def test_schemathesis_finds_no_violation(
    served_template: str, server: LiveServer, tmp_path: Path, figures: Figures
) -> None:
    report = tmp_path / "schemathesis.json"
    schemathesis = Path(sys.executable).parent / "schemathesis"
    result = subprocess.run(
        [
            str(schemathesis),
            "run",
            str(ROOT / "contract" / "openapi.yaml"),
            f"--url={server.url}",
            f"--header=Authorization: {AUTHORIZATION['Authorization']}",
            "--checks=all",
            f"--max-examples={SCHEMATHESIS_EXAMPLES}",
            f"--seed={SCHEMATHESIS_SEED}",
            f"--request-timeout={ANSWER_TIMEOUT}",
            "--generation-database=none",
            "--no-color",
            "--report=json",
            f"--report-json-path={report}",
        ],
        cwd=tmp_path,  # schemathesis keeps a cache in its working directory
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert report.exists(), (
        f"schemathesis wrote no report:\n{result.stdout[-4000:]}{result.stderr}"
    )
    summary = json.loads(report.read_text("utf-8"))
    cases = summary["test_cases"]
    figures.add(
        "schemathesis",
        template=served_template,
        cases=cases["generated"],
        failing=cases["with_failures"],
        seconds=summary["running_time"],
    )
    assert result.returncode == 0, result.stdout[-8000:]
    assert cases["generated"] > 0
    assert_healthy(server)


# -- hand-made bad input ---------------------------------------------------------------------

JSON = {"content-type": "application/json"}
TWO_MIB_NAME = json.dumps({"name": "x" * (2 * MiB)}).encode()


class Bad:
    """One bad request and the status (or statuses) the contract allows for it."""

    def __init__(
        self,
        status: int | set[int],
        method: str,
        path: str,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
        params: dict[str, str] | None = None,
    ) -> None:
        self.statuses = status if isinstance(status, set) else {status}
        self.request: dict[str, Any] = {
            "method": method,
            "url": path,
            "content": content,
            "headers": headers if headers is not None else (JSON if content else {}),
            "params": params,
        }


BAD_REQUESTS = {
    "malformed-json": Bad(400, "POST", "/api/items", b'{"name": "unclosed'),
    "invalid-utf8-json": Bad(400, "POST", "/api/items", b'{"name": "\xff\xfe"}'),
    "empty-json-body": Bad(400, "POST", "/api/items", b"", JSON),
    "json-array": Bad(422, "POST", "/api/items", b'["name"]'),
    "json-null": Bad(422, "POST", "/api/items", b"null"),
    # Well-formed, but a parser may refuse the depth as malformed (400) before seeing no object.
    "deeply-nested-json": Bad({400, 422}, "POST", "/api/items", b"[" * 100_000 + b"]" * 100_000),
    "text-plain": Bad(415, "POST", "/api/items", b'{"name": "x"}', {"content-type": "text/plain"}),
    "no-content-type": Bad(415, "POST", "/api/items", b'{"name": "x"}', {}),
    "form-body": Bad(
        415,
        "POST",
        "/api/items",
        b"name=x",
        {"content-type": "application/x-www-form-urlencoded"},
    ),
    "two-mib-body": Bad(413, "POST", "/api/items", TWO_MIB_NAME),
    "two-mib-malformed": Bad(413, "POST", "/api/items", b"{" * (2 * MiB)),
    "unknown-field": Bad(422, "POST", "/api/items", b'{"name": "x", "colour": "red"}'),
    "client-sent-id": Bad(422, "POST", "/api/items", b'{"id": 7, "name": "x"}'),
    "missing-name": Bad(422, "POST", "/api/items", b'{"description": "no name"}'),
    "empty-name": Bad(422, "POST", "/api/items", b'{"name": ""}'),
    "name-too-long": Bad(422, "POST", "/api/items", json.dumps({"name": "x" * 101}).encode()),
    "name-not-string": Bad(422, "POST", "/api/items", b'{"name": 12}'),
    # Python refuses integers over 4300 digits (int_max_str_digits): a parser limit, like depth.
    "huge-number-name": Bad({400, 422}, "POST", "/api/items", b'{"name": 1' + b"0" * 5000 + b"}"),
    "description-too-long": Bad(
        422, "POST", "/api/items", json.dumps({"name": "x", "description": "d" * 1001}).encode()
    ),
    "id-zero": Bad(404, "GET", "/api/items/0"),
    "id-negative": Bad(404, "GET", "/api/items/-1"),
    "id-past-int64": Bad(404, "GET", "/api/items/9223372036854775808"),
    "id-huge": Bad(404, "GET", "/api/items/" + "9" * 400),
    "id-not-integer": Bad(404, "GET", "/api/items/abc"),
    "id-decimal": Bad(404, "GET", "/api/items/1.5"),
    "put-huge-id": Bad(404, "PUT", "/api/items/" + "9" * 40, b'{"name": "x"}'),
    "delete-negative-id": Bad(404, "DELETE", "/api/items/-5"),
    "limit-zero": Bad(400, "GET", "/api/items", params={"limit": "0"}),
    "limit-over-100": Bad(400, "GET", "/api/items", params={"limit": "101"}),
    "limit-not-integer": Bad(400, "GET", "/api/items", params={"limit": "ten"}),
    "limit-empty": Bad(400, "GET", "/api/items", params={"limit": ""}),
    "limit-huge": Bad(400, "GET", "/api/items", params={"limit": "9" * 400}),
    "offset-negative": Bad(400, "GET", "/api/items", params={"offset": "-1"}),
    "offset-decimal": Bad(400, "GET", "/api/items", params={"offset": "1.5"}),
    "unknown-api-path": Bad(404, "GET", "/api/nothing-here"),
    "path-below-item": Bad(404, "GET", "/api/items/1/parts"),
    "patch-collection": Bad(405, "PATCH", "/api/items", b'{"name": "x"}'),
    "delete-collection": Bad(405, "DELETE", "/api/items"),
    "post-health": Bad(405, "POST", "/health"),
    "patch-item": Bad(405, "PATCH", "/api/items/1", b'{"name": "x"}'),
}


@pytest.mark.parametrize("case", list(BAD_REQUESTS))
def test_bad_request_gets_a_problem(server: LiveServer, case: str) -> None:
    bad = BAD_REQUESTS[case]
    # A fresh connection per case: a server that closes after an error cannot hide it.
    with loopback.client(
        base_url=server.url, headers=AUTHORIZATION, timeout=ANSWER_TIMEOUT
    ) as fresh:
        response = fresh.request(**bad.request)
    assert response.status_code in bad.statuses, response.text[:500]
    assert_problem(response.status_code, response.headers, response.content)
    assert_healthy(server)


@pytest.mark.parametrize("offset", ["9223372036854775807", "9223372036854775808", "9" * 40])
def test_offset_past_the_end_is_an_empty_page(client: httpx.Client, offset: str) -> None:
    # Any integer >= 0 is a valid offset (the contract sets no maximum), even one past int64.
    response = client.get("/api/items", params={"offset": offset})
    assert response.status_code == 200, response.text[:500]
    assert response.json() == []


@pytest.mark.parametrize("path", ["/health", "/api/items"])
def test_head_is_answered_like_get(client: httpx.Client, path: str) -> None:
    # RFC 9110: a server that supports GET supports HEAD; caches and probes send it.
    got = client.get(path)
    head = client.head(path)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert_security_headers(head.headers)


# -- raw sockets: what httpx cannot express --------------------------------------------------

# The headers of an authorized JSON write.
JSON_WRITE = {"Content-Type": "application/json", **AUTHORIZATION}


# A chunked body has no length for WSGI: behind Granian, Flask and Django read it as empty
# (400, not valid JSON) instead of finding it too large. Either is a problem, never a 5xx.
@pytest.mark.parametrize(
    ("framing", "statuses"), [("content-length", {413}), ("chunked", {400, 413})]
)
def test_connection_after_oversized_body_is_reusable_or_closed_openly(
    server: LiveServer, framing: str, statuses: set[int]
) -> None:
    body = b"x" * (2 * MiB)
    if framing == "chunked":
        headers = {"Transfer-Encoding": "chunked"}
        body = chunked(body)
    else:
        headers = {"Content-Length": str(len(body))}
    head = request_head("POST", "/api/items", {**JSON_WRITE, **headers})
    with connect(server.url) as sock, sock.makefile("rb") as reader:
        sender = send_in_background(sock, head + body)
        response = read_response(reader)
        assert response.status in statuses, response.body[:500]
        assert_problem(response.status, response.headers, response.body)
        if response.closes:
            # Announced: a client knows not to reuse the connection.
            assert closed_by_peer(sock)
        else:
            sender.join(ANSWER_TIMEOUT)
            # Not announced: the connection must still serve the next request.
            sock.sendall(request_head("GET", "/health"))
            assert read_response(reader).status == 200, "kept alive after 413 but not usable"
    assert_healthy(server)


def test_slow_body_is_served_without_blocking_others(server: LiveServer) -> None:
    body = json.dumps({"name": "slow client", "description": "sent a few bytes at a time"})
    encoded = body.encode()
    head = request_head(
        "POST",
        "/api/items",
        {**JSON_WRITE, "Content-Length": str(len(encoded))},
    )
    with connect(server.url) as sock, sock.makefile("rb") as reader:
        sock.sendall(head)
        for start in range(0, len(encoded), 8):
            sock.sendall(encoded[start : start + 8])
            # While this client dawdles, others are served on new connections.
            assert_healthy(server)
            time.sleep(0.2)
        response = read_response(reader)
    assert response.status == 201, response.body[:500]
    created = json.loads(response.body)
    assert created["name"] == "slow client"
    assert loopback.get(f"{server.url}{response.headers['location']}").json() == created


def test_client_that_stops_mid_body_does_not_hang_the_server(server: LiveServer) -> None:
    head = request_head("POST", "/api/items", {**JSON_WRITE, "Content-Length": "1000"})
    with connect(server.url) as sock:
        sock.sendall(head + b'{"name": "never finis')
        for _ in range(3):
            assert_healthy(server)
            time.sleep(0.5)
    # The client went away with its body unfinished; the worker it held must come back.
    for _ in range(3):
        assert_healthy(server)


def test_the_server_logged_no_traceback(server: LiveServer) -> None:
    # Last in the module: none of the traffic above raised an exception the app did not handle.
    log = server.log.read_text("utf-8", errors="replace")
    assert "Traceback" not in log, log[log.find("Traceback") - 2000 :][:6000]
