"""A Sentry endpoint on loopback for the tests: it takes the envelopes the SDK posts, as a Sentry
server does (https://develop.sentry.dev/sdk/data-model/envelopes/), and keeps their events.
The fixtures that use it are in error_report_fixtures.py; the suite's live tier uses it too.
"""

import gzip
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Event = dict[str, Any]


def envelope_items(envelope: bytes) -> Iterator[tuple[dict[str, Any], bytes]]:
    """Each item of an envelope: its header and its payload, `length` bytes long when the
    header says so, else up to the next newline."""
    _, _, rest = envelope.partition(b"\n")
    while rest.strip():
        header_line, _, rest = rest.partition(b"\n")
        header = json.loads(header_line)
        if "length" in header:
            payload, rest = rest[: header["length"]], rest[header["length"] + 1 :]
        else:
            payload, _, rest = rest.partition(b"\n")
        yield header, payload


class SentryEndpoint:
    """Collects the events of the envelopes posted to /api/<project>/envelope/."""

    def __init__(
        self, server: ThreadingHTTPServer, flush: Callable[[float], object] | None = None
    ) -> None:
        host, port = server.server_address[:2]
        self.dsn = f"http://public@{host!s}:{port}/1"
        self.received: list[Event] = []
        # What sends the reports a process still holds (its SDK's flush), if it is this one.
        self.flush = flush

    def take(self, envelope: bytes) -> None:
        for header, payload in envelope_items(envelope):
            if header.get("type") == "event":
                self.received.append(json.loads(payload))

    def events(self, count: int = 1, timeout: float = 5.0) -> list[Event]:
        """The events received, once there are `count` of them or `timeout` seconds passed.
        With this process's flush, all of them: it returns once each report was answered."""
        if self.flush is not None:
            self.flush(timeout)
            return list(self.received)
        deadline = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return list(self.received)


@contextmanager
def sentry_endpoint(flush: Callable[[float], object] | None = None) -> Iterator[SentryEndpoint]:
    """A running endpoint on a free loopback port; its `dsn` is what SENTRY_DSN would be.
    `flush`: what sends the reports of this process before its events are read."""
    endpoint: SentryEndpoint

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if self.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            if self.path.endswith("/envelope/"):
                endpoint.take(body)
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the tests read what arrived, not a line per post."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    endpoint = SentryEndpoint(server, flush)
    # Polled for shutdown every 20 ms, not the default 0.5 s each test would wait at its end.
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield endpoint
    finally:
        server.shutdown()
        server.server_close()
