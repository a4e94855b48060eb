"""The peers, side by side: each framework's best-known template against ours, in one run.

    python -m benchmarks.peers --fastapi PATH --django PATH --pyramid PATH [--rounds 3]

Each PATH is a local checkout of the peer (the harness downloads nothing):
full-stack-fastapi-template (its backend/ is served), cookiecutter-django (generated with its
DRF option) and pyramid-cookiecutter-starter (generated with SQLAlchemy). A peer left out is
skipped. Each peer is set up and run with its own production configuration, ours with the
PostgreSQL answer and its Procfile, all on one throwaway PostgreSQL server on loopback with 2
workers each; then every load runs once per round, the rounds interleaved, and the table gives
the medians and the ratio ours/peer against the goal (2x). Nothing here runs in `tox -e bench`
or the suite: CI has no peers. benchmarks/README.md ("Peers, side by side") has the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path

from support.postgres import restartable_server

from ..__main__ import FULL, NOISY_LOAD_PER_CORE, machine
from ..load import LoadShape, ensure_wrk, wrk_version
from ..report import JsonObject
from .common import Context, Pair
from .cookiecutter_django import django_peer
from .fastapi_template import fastapi_peer
from .ours import by_name, ours
from .pyramid_starter import pyramid_peer
from .rounds import run_rounds, table


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.peers",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--fastapi", type=Path, help="a checkout of full-stack-fastapi-template")
    parser.add_argument("--django", type=Path, help="a checkout of cookiecutter-django")
    parser.add_argument("--pyramid", type=Path, help="a checkout of pyramid-cookiecutter-starter")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument(
        "--peer-python",
        type=Path,
        default=shutil.which("python3.14"),
        help="the Python interpreter the FastAPI and Django peers run on (they ask for 3.14; "
        "default: python3.14 on PATH)",
    )
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    parser.add_argument(
        "--workdir",
        type=Path,
        help="set up in this folder and keep it (projects, servers' logs); default: a "
        "temporary folder, removed",
    )
    parser.add_argument("--quick", action="store_true", help="one short light round (a check)")
    args = parser.parse_args(argv)
    if not (args.fastapi or args.django or args.pyramid):
        parser.error("give at least one peer checkout (--fastapi, --django, --pyramid)")
    if not args.peer_python and (args.fastapi or args.django):
        parser.error("no python3.14 on PATH: give --peer-python")
    return args


def python_version(python: Path) -> tuple[int, int]:
    script = "import sys; print(*sys.version_info[:2])"
    major, minor = subprocess.run(
        [str(python), "-c", script], capture_output=True, text=True, check=True
    ).stdout.split()
    return int(major), int(minor)


def set_up(args: argparse.Namespace, context: Context) -> list[Pair]:
    """Every server up at once (so the rounds can interleave), and the pairs to compare."""
    pairs = []
    if args.fastapi:
        print("setting up full-stack-fastapi-template and ours (fastapi) ...", flush=True)
        _, peer_loads = fastapi_peer(args.fastapi.resolve(), context)
        _, _, our_loads = ours("fastapi", context)
        for name in ("list", "item"):
            pairs.append(Pair("FastAPI", by_name(peer_loads, name), by_name(our_loads, name)))
    if args.django:
        print("setting up cookiecutter-django and ours (django) ...", flush=True)
        _, peer_loads = django_peer(args.django.resolve(), context)
        _, _, our_loads = ours("django", context)
        note = "its list holds the requesting user alone (get_queryset)"
        pairs.append(Pair("Django", by_name(peer_loads, "list"), by_name(our_loads, "list"), note))
        pairs.append(Pair("Django", by_name(peer_loads, "item"), by_name(our_loads, "item")))
    if args.pyramid:
        print("setting up pyramid-cookiecutter-starter and ours (pyramid) ...", flush=True)
        project, _, our_loads = ours("pyramid", context)
        _, peer_loads = pyramid_peer(args.pyramid.resolve(), context, project)
        item = by_name(our_loads, "item")
        for load in peer_loads:
            pairs.append(Pair("Pyramid", load, item, "one row each; theirs renders a page"))
    return pairs


@contextmanager
def kept_or_temporary(folder: Path | None) -> Iterator[Path]:
    if folder:
        folder.mkdir(parents=True, exist_ok=True)
        yield folder.resolve()
        return
    with tempfile.TemporaryDirectory(prefix="benchmark-peers-") as workdir:
        yield Path(workdir)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    shape = (
        LoadShape(threads=1, connections=4, warmup_seconds=0, seconds=2) if args.quick else FULL
    )
    rounds = 1 if args.quick else args.rounds
    wrk = ensure_wrk()
    header: JsonObject = {
        "measured_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "wrk": wrk_version(wrk),
        "load": vars(shape),
        "rounds": rounds,
    }
    header["noisy"] = (
        max(header["machine"]["load_average_before"])
        > NOISY_LOAD_PER_CORE * header["machine"]["cores"]
    )
    with (
        kept_or_temporary(args.workdir) as workdir,
        restartable_server() as postgres,
        ExitStack() as stack,
    ):
        python = args.peer_python or Path(sys.executable)
        version = python_version(python)
        context = Context(Path(workdir), postgres.url, str(python), version, stack)
        pairs = set_up(args, context)
        print("loading ...", flush=True)
        records = run_rounds(pairs, wrk, shape, rounds)
    header["machine"]["load_average_after"] = [round(value, 2) for value in os.getloadavg()]
    result = table(pairs, records, header)
    if args.json:
        args.json.write_text(json.dumps({**header, "records": records}, indent=2) + "\n")
    print(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
