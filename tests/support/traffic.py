"""Traffic against a live service: wrk load runs, and raw HTTP/1.1 where httpx cannot go."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

import httpx

from .access import API_TOKEN

LOAD_SCRIPT = Path(__file__).with_name("load.lua")
# wrk's own per-request timeout: a slow answer under load is still an answer, not an error.
WRK_REQUEST_TIMEOUT = "10s"
SOCKET_TIMEOUT = 10.0


@dataclass
class LoadResult:
    """What wrk saw: completed requests, statuses, socket errors and the created Locations."""

    requests: int
    seconds: float
    statuses: Counter[int]
    errors: dict[str, int]
    locations: list[str] = field(default_factory=list)

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.seconds

    def status_counts(self) -> str:
        return " ".join(f"{status}:{n}" for status, n in sorted(self.statuses.items()))


def find_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise AssertionError("the load tier needs wrk (.ci/run installs Debian's wrk)")
    return wrk


def run_load(
    base_url: str,
    method: str,
    report: Path,
    *,
    connections: int,
    seconds: int,
    stop: threading.Event | None = None,
) -> LoadResult:
    """Keep `connections` connections busy with GET or POST /api/items for `seconds` seconds,
    or until `stop` is set; POSTs carry the suite's API token."""
    command = [
        find_wrk(),
        f"--threads={min(2, connections)}",
        f"--connections={connections}",
        f"--duration={seconds}s",
        f"--timeout={WRK_REQUEST_TIMEOUT}",
        f"--script={LOAD_SCRIPT}",
        base_url,
        "--",
        method,
        API_TOKEN,
    ]
    env = {**os.environ, "TRAFFIC_REPORT": str(report)}
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    ) as process:
        if stop is not None and stop.wait(timeout=seconds) and process.poll() is None:
            # wrk ends its load on SIGINT as at the end of --duration, and reports it: a load
            # on a stopped server would only spin on refused connections.
            process.send_signal(signal.SIGINT)
        # wrk stops itself after --duration; the timeout only catches a wrk that never returns.
        output = process.communicate(timeout=seconds + 60)[0]
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command, output)
    return parse_load_report(report.read_text("utf-8"))


def parse_load_report(text: str) -> LoadResult:
    values: dict[str, int] = {}
    statuses: Counter[int] = Counter()
    locations = []
    for line in text.splitlines():
        key, _, value = line.partition(" ")
        if key == "location":
            locations.append(value)
        elif key.startswith("status_"):
            statuses[int(key.removeprefix("status_"))] += int(value)
        else:
            values[key] = int(value)
    errors = {
        key.removeprefix("error_"): n for key, n in values.items() if key.startswith("error_")
    }
    return LoadResult(
        requests=values["requests"],
        seconds=values["duration_us"] / 1e6,
        statuses=statuses,
        errors=errors,
        locations=locations,
    )


def list_every_item(client: httpx.Client, page_size: int = 100) -> list[dict[str, object]]:
    """Page through GET /api/items to the end."""
    items: list[dict[str, object]] = []
    while True:
        response = client.get("/api/items", params={"limit": page_size, "offset": len(items)})
        response.raise_for_status()
        page = response.json()
        items.extend(page)
        if len(page) < page_size:
            return items


@dataclass
class RawResponse:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def closes(self) -> bool:
        return "close" in self.headers.get("connection", "").lower()


def connect(base_url: str) -> socket.socket:
    address = urlsplit(base_url)
    assert address.hostname is not None
    assert address.port is not None
    return socket.create_connection((address.hostname, address.port), timeout=SOCKET_TIMEOUT)


def request_head(
    method: str, path: str, headers: dict[str, str] | None = None, *, host: str = "127.0.0.1"
) -> bytes:
    """The request line and headers of an HTTP/1.1 request, ready to send before its body."""
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def chunked(body: bytes, size: int = 64 * 1024) -> bytes:
    """`body` in Transfer-Encoding: chunked framing."""
    pieces = (body[start : start + size] for start in range(0, len(body), size))
    return b"".join(b"%x\r\n%s\r\n" % (len(piece), piece) for piece in pieces) + b"0\r\n\r\n"


def read_response(reader: BinaryIO, method: str = "GET") -> RawResponse:
    """Read one HTTP/1.1 response from a socket's binary file object."""
    status_line = reader.readline()
    if not status_line:
        raise ConnectionError("the server closed the connection without a response")
    status = int(status_line.split()[1])
    headers: dict[str, str] = {}
    while (line := reader.readline().decode("latin-1").rstrip("\r\n")) != "":
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
        body = b""
    elif "chunked" in headers.get("transfer-encoding", "").lower():
        body = read_chunked(reader)
    elif "content-length" in headers:
        body = reader.read(int(headers["content-length"]))
    else:
        body = reader.read()
    return RawResponse(status, headers, body)


def read_chunked(reader: BinaryIO) -> bytes:
    body = b""
    while True:
        size = int(reader.readline().split(b";")[0], 16)
        if size == 0:
            while reader.readline() not in (b"\r\n", b"\n", b""):
                pass  # trailers
            return body
        body += reader.read(size)
        reader.readline()


def closed_by_peer(sock: socket.socket) -> bool:
    """Whether the server has closed its side: a read returns end of file or a reset."""
    sock.settimeout(SOCKET_TIMEOUT)
    try:
        return sock.recv(1) == b""
    except ConnectionResetError:
        return True


def send_in_background(sock: socket.socket, data: bytes) -> threading.Thread:
    """Send a large body while the caller reads: the server may answer before reading it all."""

    def send() -> None:
        # A server that answered early may close: its response says what happened.
        with contextlib.suppress(OSError):
            sock.sendall(data)

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    return sender
