"""`python -m benchmarks [--quick] [--database postgresql] [--template NAME] [--output DIR]`.

The full run writes benchmarks/results.json, benchmarks/results.png and benchmarks/results.md,
the table benchmarks/README.md links to; with --database postgresql, results-postgresql.* (the
services and their raw-driver apps on a throwaway PostgreSQL server on loopback).
--quick sends each endpoint a hundred requests (within a second, or as long as one answer takes),
starts each server with one worker process, and writes only to --output (a temporary folder by
default): the suite runs it as a smoke test.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import shutil
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from support.templates import template_names

from . import ROOT, baselines, report
from .load import LoadShape, ensure_wrk, wrk_version
from .runner import SEEDED_ITEMS, Run, benchmark_template, database_server
from .servers import print_server_logs

FULL = LoadShape(threads=2, connections=64, warmup_seconds=2, seconds=8)
# A smoke run: no warm-up, and light (one thread, two connections, a hundred answers) so that
# it costs the suite little CPU; its figures prove nothing. A load whose answers take longer
# (the Tornado article's 2-second handler) lasts as long as they need (Request).
QUICK = LoadShape(threads=1, connections=2, warmup_seconds=0, seconds=1, stop_after=100)
# A load average above the core count before the run means other work shared the CPUs with
# the servers. (The load average after the run counts the benchmark's own servers and wrk.)
NOISY_LOAD_PER_CORE = 1.0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--quick", action="store_true", help="a short smoke run")
    parser.add_argument(
        "--database",
        choices=("sqlite", "postgresql"),
        default="sqlite",
        help="the services' database: their SQLite default, or the PostgreSQL variant",
    )
    parser.add_argument(
        "--template",
        action="append",
        choices=template_names(),
        help="benchmark only this template (repeatable); default: all",
    )
    parser.add_argument(
        "--project",
        type=Path,
        help="serve this installed project of the default answers (one --template) instead of "
        "rendering one; no time to green",
    )
    parser.add_argument(
        "--output",
        type=Path,
        help="folder for results.json, results.png and results.md (default: "
        "benchmarks/, or a temporary folder with --quick)",
    )
    return parser.parse_args(argv)


def machine() -> report.JsonObject:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or platform.machine(),
    )
    cores = os.cpu_count() or 1
    memory_kib = int(Path("/proc/meminfo").read_text().split()[1])
    return {
        "description": f"{cores} cores ({model}), {memory_kib / 2**20:.0f} GiB, "
        f"{platform.system()} {platform.release()}",
        "cpu": model,
        "cores": cores,
        "memory_gib": round(memory_kib / 2**20, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "load_average_before": [round(value, 2) for value in os.getloadavg()],
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    templates = args.template or template_names()
    if args.project and len(templates) != 1:
        raise SystemExit("--project serves one template's project: give one --template")
    shape = QUICK if args.quick else FULL
    output = args.output or (
        Path(tempfile.mkdtemp(prefix="benchmark-")) if args.quick else ROOT / "benchmarks"
    )
    missing = {template: baselines.missing_baselines(template) for template in templates}
    if any(missing.values()):
        raise SystemExit(
            "\n".join(
                f"{template} has no baseline in {', '.join(places)}"
                for template, places in missing.items()
                if places
            )
        )
    output.mkdir(parents=True, exist_ok=True)
    wrk = ensure_wrk()
    if args.quick:
        # matplotlib takes seconds to import: a quick run does it while the project installs
        # (a full run does not, so nothing shares the CPUs with its measured steps).
        threading.Thread(
            target=importlib.import_module, args=("benchmarks.chart",), daemon=True
        ).start()

    results: report.JsonObject = {
        "measured_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "mode": "quick" if args.quick else "full",
        "machine": machine(),
        "wrk": {"path": wrk, "version": wrk_version(wrk)},
        "load": vars(shape),
        "seeded_items": SEEDED_ITEMS,
        "database": args.database,
        "templates": [],
    }
    started = time.monotonic()
    with (
        tempfile.TemporaryDirectory(prefix="benchmark-projects-") as workdir,
        database_server(args.database) as server_url,
    ):
        for template in templates:
            print(f"benchmarking {template} ...", flush=True)
            run = Run(
                shape,
                wrk,
                Path(workdir) / template,
                args.project,
                server_url,
                web_concurrency=1 if args.quick else None,
            )
            try:
                results["templates"].append(benchmark_template(template, run))
            except Exception:
                print_server_logs(run.workdir)
                raise
            shutil.rmtree(run.workdir)  # two virtual environments: free the disk as we go
            summary = results["templates"][-1]
            green = summary["time_to_green_seconds"]
            article = summary["article_snippet"]
            print(
                f"  article ratio {article['ratio'] if article else 'none'}, hello ratio "
                f"{summary['hello_app']['ratio']} (welcome page "
                f"{summary['welcome_vs_hello_app']['ratio']}), time to green "
                f"{green['total'] if green else 'not measured'} s",
                flush=True,
            )
    # One flat record per template and endpoint, each naming when, where and with what.
    results["records"] = [
        {
            "template": summary["template"],
            "measured_at": results["measured_at"],
            "machine": results["machine"]["description"],
            "versions": summary["versions"],
            **record,
        }
        for summary in results["templates"]
        for record in summary.pop("records")
    ]
    load_after = [round(value, 2) for value in os.getloadavg()]
    results["machine"]["load_average_after"] = load_after
    results["seconds"] = round(time.monotonic() - started, 1)
    highest = max(results["machine"]["load_average_before"])
    results["noisy"] = highest > NOISY_LOAD_PER_CORE * results["machine"]["cores"]

    name = "results" if args.database == "sqlite" else f"results-{args.database}"
    report.write_json(results, output / f"{name}.json")
    # Imported here: matplotlib is only needed once results exist.
    from .chart import draw

    draw(results, output / f"{name}.png")
    table = report.markdown_table(results)
    (output / f"{name}.md").write_text(table + "\n")
    print(table)
    print(f"results in {output} ({results['seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
