"""Drive a bounded HTTP load with wrk from a separate process; sample the server's memory."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .process_group import GroupUsage
from .report import JsonObject

SCRIPT = Path(__file__).with_name("wrk") / "requests.lua"
RESULT_PREFIX = "BENCH_RESULT "


@dataclass(frozen=True)
class LoadShape:
    """How hard and how long every load of a run is."""

    threads: int
    connections: int
    warmup_seconds: int
    seconds: int
    # Above wrk's default of 2 s: the Tornado article's handler alone waits 2 s.
    timeout_seconds: int = 10
    # A smoke run's loads stop loading after this many answers per thread (wrk still waits
    # out the duration): they prove the load runs and is answered, for little CPU.
    stop_after: int | None = None


@dataclass(frozen=True)
class Request:
    """What one load sends: a method, the paths requested in turn, an optional JSON body."""

    name: str  # a stable key: health, list, item, create, article
    method: str
    paths: tuple[str, ...]
    body: str | None = None
    # The least load duration that lets answers complete: the Tornado article's handler waits
    # 2 s before it answers, so a 1-second quick load would count no request.
    least_seconds: int = 0
    # Headers sent with every request, "Name: value" (the peers' endpoints want a token).
    headers: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.method} {self.paths[0]}"


def ensure_wrk() -> str:
    """wrk's path; as root, install Debian's wrk when it is missing (a fresh CI machine)."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        raise SystemExit("wrk is missing: install Debian's wrk package (apt-get install wrk).")
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=environment)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env=environment)
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("apt-get installed wrk, yet it is not on PATH.")
    return found


def wrk_version(wrk: str) -> str:
    # wrk prints its version in the first line of its usage text (and exits 1).
    output = subprocess.run([wrk, "--version"], capture_output=True, text=True, check=False)
    return (output.stdout or output.stderr).split(" [")[0].removeprefix("wrk ").strip()


def run_wrk(
    wrk: str, base_url: str, request: Request, shape: LoadShape, seconds: int
) -> JsonObject:
    environment = {
        **os.environ,
        "BENCH_METHOD": request.method,
        "BENCH_PATHS": " ".join(request.paths),
        "BENCH_BODY": request.body or "",
        "BENCH_STOP_AFTER": str(shape.stop_after or ""),
    }
    command = [
        wrk,
        f"--threads={shape.threads}",
        f"--connections={shape.connections}",
        f"--duration={seconds}s",
        f"--timeout={shape.timeout_seconds}s",
        f"--script={SCRIPT}",
        *(f"--header={header}" for header in request.headers),
        base_url + request.paths[0],
    ]
    result = subprocess.run(
        command,
        env=environment,
        capture_output=True,
        text=True,
        timeout=seconds + shape.timeout_seconds + 30,
        check=False,
    )
    for line in result.stdout.splitlines():
        if line.startswith(RESULT_PREFIX):
            figures: JsonObject = json.loads(line.removeprefix(RESULT_PREFIX))
            return figures
    raise RuntimeError(f"wrk gave no result (exit {result.returncode}):\n{result.stderr}")


def measure_each(
    wrk: str, base_url: str, requests: list[Request], shape: LoadShape, server_pid: int
) -> list[JsonObject]:
    """Each request's load, one after another; a smoke run's all at once: its figures are no
    measure, and each wrk waits out its whole duration however early it stops loading."""
    if shape.stop_after is None:
        return [measure(wrk, base_url, request, shape, server_pid) for request in requests]
    with ThreadPoolExecutor(max_workers=len(requests) or 1) as pool:
        loads = [
            pool.submit(measure, wrk, base_url, request, shape, server_pid) for request in requests
        ]
        return [load.result() for load in loads]


def measure(
    wrk: str, base_url: str, request: Request, shape: LoadShape, server_pid: int
) -> JsonObject:
    """Warm up, then load the server for shape.seconds; requests per second, latency, errors,
    and the peak resident memory and CPU time of the server's whole process group meanwhile.

    CPU time per request is the steadiest figure on a busy machine: other work slows the
    server down but hardly changes what each request costs it."""
    if shape.warmup_seconds:
        run_wrk(wrk, base_url, request, shape, max(shape.warmup_seconds, request.least_seconds))
    with GroupUsage(server_pid) as usage:
        raw = run_wrk(wrk, base_url, request, shape, max(shape.seconds, request.least_seconds))
    seconds = raw["duration_us"] / 1e6
    errors = raw["errors"]
    return {
        "name": request.name,
        "endpoint": request.label,
        "paths": list(request.paths),
        "requests": raw["requests"],
        "seconds": round(seconds, 2),
        "requests_per_second": round(raw["requests"] / seconds, 1),
        "latency_ms": {name: round(us / 1000, 2) for name, us in raw["latency_us"].items()},
        # wrk counts an answer of 400 or above as a status error.
        "errors": errors,
        "error_count": sum(errors.values()),
        "peak_rss_mib": round(usage.peak_bytes / 2**20, 1),
        "processes": usage.peak_processes,
        "cpu_ms_per_request": (
            round(usage.cpu_seconds * 1000 / raw["requests"], 3) if raw["requests"] else None
        ),
    }
