"""The results files: every record as JSON, and the Markdown table of results.md."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# A JSON object as the benchmark writes it: results, comparisons, wrk's figures.
JsonObject = dict[str, Any]

DATABASES = {"sqlite": "SQLite", "postgresql": "PostgreSQL on loopback"}
RAW_DRIVERS = {"sqlite": "sqlite3", "postgresql": "psycopg (asyncpg in FastAPI and Tornado)"}

# Record names and their column headings.
CONTRACT_ENDPOINTS = {
    "health": "GET /health",
    "list": "GET /api/items",
    "item": "GET /api/items/{id}",
    "create": "POST /api/items",
}


def write_json(results: JsonObject, path: Path) -> None:
    path.write_text(json.dumps(results, indent=2) + "\n")


def thousands(value: float) -> str:
    return f"{value:,.0f}"


def cpu_ratio(comparison: JsonObject) -> str:
    cpu = comparison["cpu_ratio"]
    return f", CPU/request {cpu:.2f}x" if cpu else ""


def ratio(comparison: JsonObject) -> str:
    return f"{comparison['ratio']:.2f}x{cpu_ratio(comparison)}"


def met(comparison: JsonObject) -> str:
    goal = comparison["goal"]
    verdict = "✓" if comparison["ratio"] >= goal else f"✗ (goal {goal:g}x)"
    return f"{comparison['ratio']:.2f}x {verdict}{cpu_ratio(comparison)}{ceiling(comparison)}"


def ceiling(comparison: JsonObject) -> str:
    """The raw-driver limit's own ratio to the same baseline, where it serves the endpoint."""
    limit = comparison.get("raw_driver_limit")
    return f"; the raw-driver limit {limit['ratio']:.2f}x" if limit else ""


def article_cell(article: JsonObject | None) -> str:
    if article is None:
        return "no snippet: the article has no example of this framework"
    return f"{met(article)} on `{article['service_path']}`"


# Seconds from render to the project's own tests passing, warm uv cache: the speed issue's goal.
TIME_TO_GREEN_GOAL = 5.0


def seconds(green: JsonObject | None) -> str:
    if not green:
        return "not measured"
    total = green["total"]
    verdict = "✓" if total <= TIME_TO_GREEN_GOAL else f"✗ (goal {TIME_TO_GREEN_GOAL:g} s)"
    # Runs recorded before the second run of the tests have no "pytest_again".
    again = green.get("pytest_again")
    if again is None:
        return f"{total:.1f} s {verdict}"
    return f"{total:.1f} s {verdict}; tests {green['pytest']:.1f} s, again {again:.1f} s"


def limit_ratios(template: JsonObject) -> str:
    """The service's reads over the raw-driver limit's, each with its goal."""
    return "; ".join(
        f"{CONTRACT_ENDPOINTS[name].split()[1]} {met(comparison)}"
        for name, comparison in template["raw_driver_limit"].items()
    )


def service_records(results: JsonObject, template: str) -> dict[str, JsonObject]:
    """A template's service loads by name (health, welcome, list, item, create, article)."""
    return {
        record["name"]: record
        for record in results["records"]
        if record["template"] == template and record["subject"] == "service"
    }


def smoke_run_note(load: JsonObject) -> str:
    """A quick run's loads stop early: its requests per second measure nothing."""
    stop_after = load.get("stop_after")
    if not stop_after:
        return ""
    return f" (each stopped after {stop_after} answers: requests per second are no measure)"


def markdown_table(results: JsonObject) -> str:
    machine = results["machine"]
    load = ", ".join(f"{value:.1f}" for value in machine["load_average_before"])
    lines = [
        f"Measured {results['measured_at']} on {machine['description']} (load average before "
        f"the run: {load}{'; a noisy run' if results['noisy'] else ''}), wrk "
        f"{results['wrk']['version']}, {results['load']['threads']} threads, "
        f"{results['load']['connections']} connections, {results['load']['seconds']} s per "
        f"endpoint after {results['load']['warmup_seconds']} s of warm-up"
        f"{smoke_run_note(results['load'])}, "
        f"{DATABASES[results['database']]}, "
        f"{results['seeded_items']} items seeded. Requests per second (p99 latency); errors "
        "are answers of 400 and above and socket errors; memory is the peak RSS of the "
        "server's whole process tree. Against the baselines: the service's requests per "
        "second over the baseline's (the goal), then the baseline's CPU time per request over "
        "the service's (above 1: a request costs the service less; steadier on a busy "
        "machine). `/` is the service's welcome page: every middleware, no database. The "
        "raw-driver limit is the same framework on the same command answering the same reads "
        f"from the same table through {RAW_DRIVERS[results['database']]} alone; after a goal "
        "against the hello app or the snippet, the limit's own ratio to that baseline on the "
        "same endpoint (what the same database work reaches without the service's layers: "
        "below the goal, the database round trip alone misses it). Time to green: render, "
        "`uv sync` with uv's cache warm and the project's tests; then the tests' own share, "
        "and the same tests run again, reading the bytecode that the first run wrote.",
        "",
        f"| template | server | {' | '.join(CONTRACT_ENDPOINTS.values())} | errors | peak RSS "
        "| vs article snippet | /health vs hello app | `/` vs hello app | vs raw-driver limit "
        "| time to green |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for template in results["templates"]:
        records = service_records(results, template["template"])
        cells = [
            f"{thousands(records[name]['requests_per_second'])} "
            f"({records[name]['latency_ms']['p99']:.0f} ms)"
            for name in CONTRACT_ENDPOINTS
        ]
        errors = sum(record["error_count"] for record in records.values())
        peak = max(record["peak_rss_mib"] for record in records.values())
        article = template["article_snippet"]
        hello = template["hello_app"]
        welcome = template["welcome_vs_hello_app"]
        server = template["web_command"].split()[0]
        if server == "python":  # `python -m package`: the framework's own server
            server = "own server"
        lines.append(
            f"| {template['template']} | {server} | {' | '.join(cells)} | {errors} "
            f"| {peak:.0f} MiB | {article_cell(article)} | {met(hello)} "
            f"| {ratio(welcome)} | {limit_ratios(template)} "
            f"| {seconds(template['time_to_green_seconds'])} |"
        )
    return "\n".join(lines)
