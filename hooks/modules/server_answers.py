"""Waiting for a server that a test started in a process of its own."""

import subprocess
import time

import httpx


def first_answer(
    probe: httpx.Client, path: str, server: subprocess.Popen[bytes], *, within: float = 60
) -> httpx.Response:
    """The server's first answer to GET `path`, asked every 20 ms through one client (each new
    client builds an SSL context). Fails the test when the server exits or stays silent."""
    deadline = time.monotonic() + within
    while True:
        assert server.poll() is None, f"the server exited with {server.returncode}"
        try:
            return probe.get(path)
        except httpx.TransportError:
            assert time.monotonic() < deadline, f"the server did not answer in {within:g} s"
            time.sleep(0.02)
