"""The benchmark has baselines for every template, and its quick mode runs end to end for the
template under test, so it does not rot.

Speed is reported, never asserted: the quick run's test checks that every load ran, answered
without errors (but the 503 of a write that outwaited SQLite's lock) and was written out, and
that a quick run leaves the committed results alone.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from support.projects import DefaultProject
from support.templates import ROOT

SERVICE_LOADS = {"health", "welcome", "list", "item", "create"}
# The reads the raw-driver limit answers from the same table.
LIMIT_LOADS = {"health", "list", "item"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def benchmark_module(name: str) -> ModuleType:
    """A module of the benchmarks package, which sits at the repository root."""
    if str(ROOT) not in sys.path:
        sys.path.append(str(ROOT))
    return importlib.import_module(f"benchmarks.{name}")


def test_template_has_benchmark_baselines(template: str) -> None:
    missing = benchmark_module("baselines").missing_baselines(template)
    assert not missing, f"template {template} has no benchmark baseline in {', '.join(missing)}"


def test_every_benchmark_baseline_belongs_to_a_template() -> None:
    orphans = benchmark_module("baselines").baselines_without_template()
    assert not orphans, f"benchmark baselines for no template under templates/: {orphans}"


def test_a_failed_run_shows_the_end_of_each_server_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "limit.log").write_text("".join(f"line {n}\n" for n in range(1, 41)))
    (tmp_path / "service.log").write_text("worker 2 exited\n")
    benchmark_module("servers").print_server_logs(tmp_path)
    shown = capsys.readouterr().err.splitlines()
    assert shown == [
        "--- the last lines of limit.log:",
        *(f"line {n}" for n in range(11, 41)),
        "--- the last lines of service.log:",
        "worker 2 exited",
    ]


def load_record(endpoint: str, requests_per_second: float, cpu_ms: float) -> dict[str, object]:
    return {
        "endpoint": endpoint,
        "requests": 1000,
        "requests_per_second": requests_per_second,
        "cpu_ms_per_request": cpu_ms,
    }


def test_a_missed_goal_shows_what_the_raw_driver_limit_reaches_against_the_same_baseline() -> None:
    runner, report = benchmark_module("runner"), benchmark_module("report")
    hello = load_record("GET /health", 10_000, 0.1)
    health = load_record("GET /health", 2_000, 0.5)
    limit = [load_record("GET /health", 5_000, 0.2), load_record("GET /api/items", 4_000, 0.25)]
    goal = {**runner.comparison(health, hello), "goal": runner.HEALTH_GOAL}

    measured = runner.with_limit_ceiling(goal, "GET /health", limit, hello)

    assert measured["raw_driver_limit"] == {"ratio": 0.5, "cpu_ratio": 0.5}
    assert report.met(measured) == (
        "0.20x ✗ (goal 0.8x), CPU/request 0.20x; the raw-driver limit 0.50x"
    )
    # A page the limit does not serve (the Django admin's login form) has no ceiling.
    assert runner.with_limit_ceiling(goal, "GET /admin/login/", limit, hello) == goal


def test_time_to_green_shows_the_tests_first_run_beside_their_second() -> None:
    report = benchmark_module("report")
    green = {"render": 0.3, "uv_sync": 0.2, "pytest": 5.5, "total": 6.0, "pytest_again": 2.5}

    assert report.seconds(green) == "6.0 s ✗ (goal 5 s); tests 5.5 s, again 2.5 s"
    # The committed runs from before the second run was timed still render.
    assert report.seconds({"render": 0.3, "uv_sync": 0.1, "pytest": 3.0, "total": 3.4}) == (
        "3.4 s ✓"
    )
    assert report.seconds(None) == "not measured"


@pytest.mark.slow
@pytest.mark.live
def test_quick_benchmark(template: str, default_project: DefaultProject, tmp_path: Path) -> None:
    """The quick mode on the session's install of the default answers (the full run renders
    its own and times it to green)."""
    committed = {
        path: path.read_bytes()
        for path in (ROOT / "benchmarks" / name for name in ("results.json", "results.md"))
        if path.exists()
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks",
            "--quick",
            "--template",
            template,
            "--project",
            str(default_project(template)),
            "--output",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]

    results = json.loads((tmp_path / "results.json").read_text())
    assert results["mode"] == "quick"
    [measured] = results["templates"]
    assert measured["template"] == template
    records = results["records"]
    assert {record["template"] for record in records} == {template}
    subjects = {(record["subject"], record["name"]) for record in records}
    assert {("service", name) for name in SERVICE_LOADS} <= subjects
    assert ("hello app", "health") in subjects
    # The templates added from the survey have no example in the article: no snippet to run.
    has_snippet = benchmark_module("baselines").ARTICLE_SNIPPETS[template] is not None
    assert (("article snippet", "article") in subjects) == has_snippet
    assert {("raw-driver limit", name) for name in LIMIT_LOADS} <= subjects
    for record in records:
        assert record["versions"], record
        label = f"{record['subject']} {record['endpoint']}"
        assert record["requests"] > 0, label
        socket_errors = record["error_count"] - record["errors"]["status"]
        assert socket_errors == 0, (label, record["errors"])
        # SQLite takes one writer at a time: under load a write may outwait the services' busy
        # timeout and get the contract's 503. Every other answer must be a success.
        if record["name"] != "create":
            assert record["errors"]["status"] == 0, (label, record["errors"])
        assert record["errors"]["status"] < record["requests"], (label, record["errors"])
        assert record["peak_rss_mib"] > 0, label
    if has_snippet:
        assert measured["article_snippet"]["ratio"] > 0
    else:
        assert measured["article_snippet"] is None
    assert measured["hello_app"]["ratio"] > 0
    assert measured["hello_app"]["raw_driver_limit"]["ratio"] > 0
    if has_snippet and measured["article_snippet"]["service_path"] == "/api/items":
        assert measured["article_snippet"]["raw_driver_limit"]["ratio"] > 0
    assert measured["welcome_vs_hello_app"]["ratio"] > 0
    assert set(measured["raw_driver_limit"]) == LIMIT_LOADS
    assert all(limit["ratio"] > 0 for limit in measured["raw_driver_limit"].values())
    assert measured["time_to_green_seconds"] is None

    assert (tmp_path / "results.png").read_bytes().startswith(PNG_SIGNATURE)
    assert f"| {template} |" in (tmp_path / "results.md").read_text()
    for path, content in committed.items():
        assert path.read_bytes() == content, f"a quick run rewrote {path}"
