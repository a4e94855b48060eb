"""nginx (Debian's package) as the load balancer in front of replicas on loopback."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from . import loopback
from .postgres import free_port

STARTUP_TIMEOUT = 10.0
# Passive health checks: a replica that fails a request is left out for FAIL_TIMEOUT, then
# tried again. Idempotent requests that fail on one replica are retried on the other; a POST
# already sent is not (nginx's default), so a write is never applied twice.
CONFIG = """\
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{
    worker_connections 1024;
}}
http {{
    access_log off;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    client_max_body_size 2m;
    upstream replicas {{
{servers}
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://replicas;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_connect_timeout 1s;
            proxy_next_upstream error timeout http_502;
            proxy_next_upstream_tries 2;
            # Which replica answered: the tests watch a restarted one rejoin.
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""
SERVER = "        server 127.0.0.1:{port} max_fails=1 fail_timeout={fail_timeout}s;"
FAIL_TIMEOUT = 1


def find_nginx() -> str:
    nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if nginx is None:
        raise AssertionError("the replica tier needs nginx (.ci/run installs Debian's nginx)")
    return nginx


@contextmanager
def load_balancer(folder: Path, ports: list[int]) -> Iterator[str]:
    """nginx on a free loopback port in front of the replicas on `ports`; its URL."""
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    servers = "\n".join(SERVER.format(port=p, fail_timeout=FAIL_TIMEOUT) for p in ports)
    config = folder / "nginx.conf"
    config.write_text(CONFIG.format(folder=folder, servers=servers, port=port))
    process = subprocess.Popen(
        [find_nginx(), "-p", str(folder), "-c", str(config), "-e", "stderr", "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=(folder / "stderr.log").open("wb"),
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            assert process.poll() is None, (folder / "stderr.log").read_text()
            try:
                loopback.get(f"{url}/health", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "nginx did not start"
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
