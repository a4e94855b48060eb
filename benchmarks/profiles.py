"""`python -m benchmarks.profiles [--template NAME] [--database postgresql] [--seconds N]`.

Where each generated service spends its CPU on a read under load: the profile behind every
ratio of the benchmark's table that misses its goal. For each template, the default project is
served by its Procfile's command as the benchmark serves it (two workers); /health,
/api/items and /api/items/{id} are loaded in turn by wrk as the benchmark loads them, and
py-spy samples every thread of the server's processes meanwhile (without pausing them).

Each sample is the stack of the thread holding the GIL (py-spy's --gil): the Python code
that was using the CPU, and not a thread waiting for the GIL, which a sample of every running
thread would count for the code that released it. The report gives, per endpoint, the share of
samples inside the database layer (the ORM or data layer, its driver and the transaction
manager: a frame of DATABASE_PACKAGES anywhere in the stack), inside the access line
(logs.log_access: the logging module and its JSON formatter), and the packages whose own code
ran most (the stack's last Python frame; a C function counts for the Python code that called
it). What runs without the GIL is outside the samples: Granian's Rust, and the C of a driver
that releases the GIL while the database works (sqlite3, psycopg). Written to
benchmarks/profiles.json and profiles.md.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from support.live import procfile_server, project_environment
from support.postgres import create_database
from support.projects import render, uv
from support.projects import run as run_command
from support.templates import template_config, template_names

from . import ROOT
from .load import LoadShape, ensure_wrk, run_wrk
from .report import JsonObject, write_json
from .runner import LIMIT_READS, database_server, seed_items, service_requests

# The benchmark's full load, for as long as py-spy samples, after a warm-up.
SHAPE = LoadShape(threads=2, connections=64, warmup_seconds=2, seconds=6)
SAMPLES_PER_SECOND = 200
# The packages of the database layer: ORMs and data layers, drivers, transaction managers.
DATABASE_PACKAGES = frozenset(
    {
        "aiosqlite",
        "alembic",
        "asyncpg",
        "BTrees",
        "cubicweb.server",  # CubicWeb's repository: the RQL querier and the SQL sources
        "django.db",
        "flask_sqlalchemy",
        "logilab.database",
        "masoniteorm",
        "persistent",
        "psycopg",
        "psycopg2",
        "psycopg_pool",
        "pydal",
        "relstorage",
        "rql",
        "service.database",
        "sqlalchemy",
        "sqlite3",
        "transaction",
        "ZODB",
        "zope.sqlalchemy",
    }
)
# Distributions that share a top-level folder, named by their second level (zope.sqlalchemy).
NAMESPACES = frozenset({"zope", "logilab", "opentelemetry"})
# Packages named by a second level where that level is a layer of its own (django.db).
LAYERED = {"django": frozenset({"db"}), "cubicweb": frozenset({"server"})}
FRAME = re.compile(r"^(?P<function>.*) \((?P<file>.*):(?P<line>\d+)\)$")
STDLIB = re.compile(r"/lib/python3\.\d+/(?P<module>[^/]+)")
ACCESS_LINE = "log_access"
TOP_PACKAGES = 5


@dataclass(frozen=True)
class Frame:
    function: str
    package: str


def package_of(filename: str, project: Path) -> str:
    """The package a frame's code belongs to: "service" for the generated project's own."""
    if filename.startswith(f"{project}/") and "/.venv/" not in filename:
        # The module that talks to the database, where the service has one (Bottle's calls
        # sqlite3 and psycopg itself).
        return "service.database" if filename.endswith("/database.py") else "service"
    _, found, rest = filename.partition("/site-packages/")
    if found:
        parts = rest.split("/")
        top = parts[0].removesuffix(".py")
        if len(parts) > 2 and (top in NAMESPACES or parts[1] in LAYERED.get(top, ())):
            return f"{top}.{parts[1].removesuffix('.py')}"
        return top
    stdlib = STDLIB.search(filename)
    if stdlib:
        return stdlib["module"].removesuffix(".py")
    if filename.endswith(".py"):
        # A module run from a script folder: Granian's own puts .venv/bin, where Bottle installs
        # a copy of bottle.py, first on sys.path.
        return Path(filename).stem
    if filename.startswith("<frozen "):
        return "python"  # the interpreter's frozen modules (importlib, os.path)
    # Code compiled from a string at run time: Sanic's router compiles its routes at start.
    return "generated"


def parse_stacks(raw: str, project: Path) -> list[tuple[list[Frame], int]]:
    """py-spy's raw output (one `frame;frame;... count` line per distinct stack), root first;
    the process and thread entries it puts before the frames are left out."""
    stacks = []
    for line in raw.splitlines():
        frames, _, count = line.rpartition(" ")
        if not frames or not count.isdigit():
            continue
        parsed = [
            Frame(match["function"], package_of(match["file"], project))
            for match in map(FRAME.match, frames.split(";"))
            if match
        ]
        if parsed:
            stacks.append((parsed, int(count)))
    return stacks


def shares(stacks: list[tuple[list[Frame], int]]) -> JsonObject:
    """The share of samples in the database layer, in the access line, and by own code."""
    total = sum(count for _, count in stacks)
    database = access = 0
    own: Counter[str] = Counter()
    for frames, count in stacks:
        if any(frame.package in DATABASE_PACKAGES for frame in frames):
            database += count
        if any(frame.function == ACCESS_LINE and frame.package == "service" for frame in frames):
            access += count
        own[frames[-1].package] += count
    return {
        "samples": total,
        "database_layer": round(database / total, 3) if total else None,
        "access_line": round(access / total, 3) if total else None,
        "own_code": {
            package: round(count / total, 3) for package, count in own.most_common(TOP_PACKAGES)
        },
    }


def sample(py_spy: str, pid: int, seconds: int, output: Path) -> None:
    """py-spy on the server's process and its workers, without pausing them: the stacks of the
    thread holding the GIL in each."""
    command = [
        py_spy,
        "record",
        f"--pid={pid}",
        "--subprocesses",
        "--gil",
        "--nonblocking",
        "--full-filenames",
        f"--rate={SAMPLES_PER_SECOND}",
        f"--duration={seconds}",
        "--format=raw",
        f"--output={output}",
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=seconds + 60)


def profile_template(
    template: str, workdir: Path, wrk: str, py_spy: str, postgres_url: str | None
) -> JsonObject:
    answers = {"database": "postgresql"} if postgres_url else {}
    project = render(template, answers, workdir)
    uv("sync", "--locked", "--quiet", cwd=project)
    build = template_config(template).get("__build_command")
    if build:
        run_command(["sh", "-c", build], cwd=project, env=project_environment(project))
    database = (
        create_database(postgres_url, f"profile_{template}")
        if postgres_url
        else f"sqlite:///{workdir / 'service.db'}"
    )
    endpoints: JsonObject = {}
    with procfile_server(project, workdir / "service.log", DATABASE_URL=database) as server:
        reads = [
            request
            for request in service_requests(seed_items(server.url), None)
            if request.name in LIMIT_READS
        ]
        for request in reads:
            stacks_file = workdir / f"{request.name}.txt"
            load_seconds = SHAPE.warmup_seconds + SHAPE.seconds + 1
            with ThreadPoolExecutor(max_workers=1) as pool:
                load = pool.submit(run_wrk, wrk, server.url, request, SHAPE, load_seconds)
                time.sleep(SHAPE.warmup_seconds)
                sample(py_spy, server.process.pid, SHAPE.seconds, stacks_file)
                answered = load.result()
            stacks = parse_stacks(stacks_file.read_text(), project)
            endpoints[request.name] = {
                "label": request.label,
                **shares(stacks),
                "requests_per_second_while_sampled": round(
                    answered["requests"] / (answered["duration_us"] / 1e6)
                ),
            }
        server.stop()
    return {"template": template, "endpoints": endpoints}


def percent(share: float | None) -> str:
    return "-" if share is None else f"{share * 100:.0f}%"


def ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


def without(cpu_ratio: float | None, *costs: float | None) -> float | None:
    """The benchmark's CPU-per-request ratio were `costs` (shares of the samples) free. The
    samples leave out what runs without the GIL, so the true shares are smaller and the true
    figure lower: an upper bound."""
    if cpu_ratio is None or any(cost is None for cost in costs):
        return None
    rest = 1 - sum(cost for cost in costs if cost is not None)
    return cpu_ratio / rest if rest > 0 else None


def benchmark_ratios(results_file: Path) -> dict[str, JsonObject]:
    """Per template, the committed benchmark run's ratios (results.json), if there is one."""
    if not results_file.exists():
        return {}
    benchmark = json.loads(results_file.read_text())
    return {summary["template"]: summary for summary in benchmark["templates"]}


def markdown(results: JsonObject, benchmark: dict[str, JsonObject]) -> str:
    lines = [
        f"# Where the CPU goes ({results['database']}, {results['measured_at']})",
        "",
        "Written by `python -m benchmarks.profiles` (its docstring says how). Shares of the",
        "samples of Python code holding the GIL: in the database layer, in the access line, and",
        "the packages whose own code ran most. The ratios are the committed benchmark run's CPU",
        "time per request against the raw-driver limit (goal 0.5x) and, for `/health`, the hello",
        "app (goal 0.8x); beside each, the ratio were the database layer free (and, for the hello",
        "app, the access line too): an upper bound, as the samples leave out what runs without",
        "the GIL.",
        "",
        "| Template | Endpoint | Samples | Database layer | Access line | Own code, most first "
        "| vs limit | free database layer |",
        "|---|---|---:|---:|---:|---|---:|---:|",
    ]
    for profile in results["templates"]:
        summary = benchmark.get(profile["template"], {})
        for name, endpoint in profile["endpoints"].items():
            own = ", ".join(
                f"{package} {percent(share)}" for package, share in endpoint["own_code"].items()
            )
            limit = (summary.get("raw_driver_limit") or {}).get(name, {}).get("cpu_ratio")
            lines.append(
                f"| {profile['template']} | `{endpoint['label']}` | {endpoint['samples']:,} "
                f"| {percent(endpoint['database_layer'])} | {percent(endpoint['access_line'])} "
                f"| {own} | {ratio(limit)} "
                f"| {ratio(without(limit, endpoint['database_layer']))} |"
            )
    lines += [
        "",
        "| Template | `/health` vs hello app | free database layer | and access line |",
        "|---|---:|---:|---:|",
    ]
    for profile in results["templates"]:
        health = profile["endpoints"]["health"]
        hello = benchmark.get(profile["template"], {}).get("hello_app", {}).get("cpu_ratio")
        database, access = health["database_layer"], health["access_line"]
        lines.append(
            f"| {profile['template']} | {ratio(hello)} | {ratio(without(hello, database))} "
            f"| {ratio(without(hello, database, access))} |"
        )
    return "\n".join(lines) + "\n"


def write_report(results: JsonObject, output: Path) -> str:
    """profiles.json and profiles.md (-postgresql with that database); the table."""
    suffix = "" if results["database"] == "sqlite" else f"-{results['database']}"
    benchmark = benchmark_ratios(ROOT / "benchmarks" / f"results{suffix}.json")
    write_json(results, output / f"profiles{suffix}.json")
    table = markdown(results, benchmark)
    (output / f"profiles{suffix}.md").write_text(table)
    return table


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.profiles",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--template", action="append", choices=template_names())
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    py_spy = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which(
        "py-spy"
    )
    if not py_spy:
        raise SystemExit("py-spy is missing: it comes with the bench dependency group.")
    wrk = ensure_wrk()
    results: JsonObject = {
        "measured_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "database": args.database,
        "load": vars(SHAPE),
        "samples_per_second": SAMPLES_PER_SECOND,
        "templates": [],
    }
    with (
        tempfile.TemporaryDirectory(prefix="profile-projects-") as workdir,
        database_server(args.database) as postgres_url,
    ):
        for template in args.template or template_names():
            print(f"profiling {template} ...", flush=True)
            folder = Path(workdir) / template
            results["templates"].append(
                profile_template(template, folder, wrk, py_spy, postgres_url)
            )
            shutil.rmtree(folder)
    print(write_report(results, args.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
