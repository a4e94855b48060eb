"""One template's benchmark: time to green, then the service and its three baselines under load."""

from __future__ import annotations

import json
import re
import time
import tomllib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from support import loopback
from support.access import AUTHORIZATION
from support.live import procfile_server, project_environment
from support.postgres import create_database, free_port, restartable_server
from support.projects import clean_environment, read_procfile, render, uv
from support.projects import run as run_command
from support.templates import template_config

from . import baselines
from .load import LoadShape, Request, measure, measure_each
from .report import JsonObject
from .servers import serving

SEEDED_ITEMS = 10
PROJECT_SLUG = "my_service"  # the default answers' package name
# The service's loads the raw-driver limit answers too: the database reads.
LIMIT_READS = ("health", "list", "item")
# The goal for each of them against the limit.
LIMIT_GOAL = 0.5
# /health against the bare hello app on the same command.
HEALTH_GOAL = 0.8
NEW_ITEM = json.dumps({"name": "Benchmark item", "description": "Created under load."})
# Besides the project's own dependencies, the libraries under its framework whose versions
# each record names: the server and validation layers some frameworks bring along.
UNDERLYING_PACKAGES = ("starlette", "pydantic", "cheroot", "uvicorn", "sqlalchemy")


@dataclass(frozen=True)
class Run:
    shape: LoadShape
    wrk: str
    workdir: Path
    # An installed project of the default answers to serve instead of rendering one (the
    # suite's smoke test passes its own): no time to green then.
    project: Path | None = None
    # The PostgreSQL server to run the PostgreSQL variant on; None: the SQLite default.
    postgres_url: str | None = None
    # Worker processes of every server started with the Procfile's command (WEB_CONCURRENCY);
    # None: the Procfile's own default. A smoke run takes one: each worker imports the app.
    web_concurrency: int | None = None

    @property
    def answers(self) -> dict[str, str]:
        return {"database": "postgresql"} if self.postgres_url else {}

    def server_environment(self) -> dict[str, str]:
        """What the servers of the Procfile's command are started with besides the project's."""
        if self.web_concurrency is None:
            return {}
        return {"WEB_CONCURRENCY": str(self.web_concurrency)}

    def database_url(self, template: str) -> str:
        """An empty database for the service (the raw-driver app reads the same one)."""
        if self.postgres_url:
            return create_database(self.postgres_url, f"benchmark_{template}")
        return f"sqlite:///{self.workdir / 'service.db'}"


@contextmanager
def database_server(database: str) -> Iterator[str | None]:
    """The PostgreSQL server the services share (a database each), or None for SQLite."""
    if database == "sqlite":
        yield None
        return
    with restartable_server() as server:
        yield server.url


def time_to_green(template: str, run: Run) -> tuple[Path, dict[str, float]]:
    """Render, `uv sync` and the project's tests: the project, and the seconds of each step."""
    steps = {}
    started = time.perf_counter()
    project = render(template, run.answers, run.workdir / "green")
    steps["render"] = time.perf_counter() - started
    # As on a user's machine: the first run writes the bytecode that later imports, and the
    # servers its tests start, read (some shells and images set PYTHONDONTWRITEBYTECODE).
    environment = clean_environment()
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    uv("sync", "--locked", "--quiet", cwd=project, env=environment)
    steps["uv_sync"] = time.perf_counter() - started - steps["render"]
    run_tests = ("run", "--no-sync", "pytest", "-q", "-p", "no:cacheprovider")
    uv(*run_tests, cwd=project, env=environment)
    steps["total"] = time.perf_counter() - started
    steps["pytest"] = steps["total"] - steps["render"] - steps["uv_sync"]
    # Outside the total: the same tests once more, reading the bytecode the first run wrote.
    # The difference is what compiling the imported modules cost the first run.
    second_run_started = time.perf_counter()
    uv(*run_tests, cwd=project, env=environment)
    steps["pytest_again"] = time.perf_counter() - second_run_started
    return project, {step: round(seconds, 2) for step, seconds in steps.items()}


def runtime_dependencies(project: Path) -> list[str]:
    """The distribution names in the generated pyproject.toml's [project] dependencies."""
    pyproject = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))
    return [
        re.split(r"[^A-Za-z0-9._-]", requirement, maxsplit=1)[0].lower()
        for requirement in pyproject["project"]["dependencies"]
    ]


def installed_versions(project: Path) -> dict[str, str]:
    """The installed versions of the project's framework, server and the libraries under them."""
    names = sorted({*runtime_dependencies(project), *UNDERLYING_PACKAGES})
    script = (
        "import importlib.metadata as m, json, sys;"
        "names = set(sys.argv[1:]);"
        "print(json.dumps({d.metadata['Name'].lower(): d.version for d in m.distributions()"
        " if d.metadata['Name'].lower() in names}))"
    )
    result = uv("run", "--no-sync", "python", "-c", script, *names, cwd=project)
    return dict(sorted(json.loads(result.stdout).items()))


def seed_items(base_url: str) -> list[int]:
    ids = []
    for number in range(1, SEEDED_ITEMS + 1):
        answer = loopback.post(
            f"{base_url}/api/items",
            json={"name": f"Item {number}", "description": f"Seeded item {number}."},
            headers=AUTHORIZATION,
            timeout=10,
        )
        answer.raise_for_status()
        ids.append(answer.json()["id"])
    return ids


def service_requests(ids: list[int], snippet: baselines.Snippet | None) -> list[Request]:
    """The contract's endpoints, the welcome page (every middleware, no database), the
    article's page when it is another one, POST last (it grows the list the GETs read)."""
    requests = [
        Request("health", "GET", ("/health",)),
        Request("welcome", "GET", ("/",)),
        Request("list", "GET", ("/api/items",)),
        Request("item", "GET", tuple(f"/api/items/{item_id}" for item_id in ids)),
    ]
    if snippet and all(request.paths[0] != snippet.service_path for request in requests):
        requests.append(
            Request(
                "article",
                "GET",
                (snippet.service_path,),
                least_seconds=snippet.least_load_seconds,
            )
        )
    # The server takes the suite's token (support.live.project_environment): writes need one.
    token = tuple(f"{name}: {value}" for name, value in AUTHORIZATION.items())
    requests.append(Request("create", "POST", ("/api/items",), NEW_ITEM, headers=token))
    return requests


def measure_service(
    template: str, project: Path, run: Run
) -> tuple[list[JsonObject], list[JsonObject]]:
    """The service's loads, and the raw-driver limit's on the same database: measured after the
    service's reads and before its writes, so both read the same seeded rows."""
    snippet = baselines.ARTICLE_SNIPPETS[template]
    database = run.database_url(template)
    log = run.workdir / "service.log"
    # The image's build step, when the template has one (Django's collectstatic).
    build = template_config(template).get("__build_command")
    if build:
        run_command(["sh", "-c", build], cwd=project, env=project_environment(project))
    records = []
    delay = str(snippet.answer_seconds if snippet else 0)
    with procfile_server(
        project, log, DATABASE_URL=database, DELAY_SECONDS=delay, **run.server_environment()
    ) as server:
        ids = seed_items(server.url)
        *reads, write = service_requests(ids, snippet)
        records.extend(measure_each(run.wrk, server.url, reads, run.shape, server.process.pid))
        limit_reads = [request for request in reads if request.name in LIMIT_READS]
        limit = measure_limit(template, project, run, database, server.url, limit_reads)
        records.append(measure(run.wrk, server.url, write, run.shape, server.process.pid))
        server.stop()
    return records, limit


def same_answers(service_url: str, limit_url: str, requests: list[Request]) -> None:
    """The raw-driver app answers each read with the service's JSON: the same work."""
    for request in requests:
        for path in request.paths:
            service, limit = (
                loopback.get(url + path, timeout=10) for url in (service_url, limit_url)
            )
            if (service.status_code, service.json()) != (limit.status_code, limit.json()):
                raise RuntimeError(f"GET {path}: the raw-driver app answers otherwise")


def measure_limit(
    template: str,
    project: Path,
    run: Run,
    database: str,
    service_url: str,
    requests: list[Request],
) -> list[JsonObject]:
    """The raw-driver app (baselines.py) under the same loads as the service's reads."""
    port = free_port()
    env = project_environment(
        project, PORT=str(port), DATABASE_URL=database, **run.server_environment()
    )
    folder = baselines.copy_limit_app(template, run.workdir)
    requirements = baselines.limit_requirements(template, postgresql=bool(run.postgres_url))
    if requirements:
        # Beside the service's environment, not in it: the service is measured as it ships.
        packages = run.workdir / "limit-packages"
        python = str(project / ".venv" / "bin" / "python")
        uv(
            "pip",
            "install",
            "--quiet",
            "--python",
            python,
            "--target",
            str(packages),
            *requirements,
            cwd=folder,
        )
        env["PYTHONPATH"] = str(packages)
    web = read_procfile(project)["web"]
    command = baselines.package_command(web, PROJECT_SLUG, baselines.LIMIT_PACKAGE)
    url = f"http://127.0.0.1:{port}"
    with serving(command, folder, env, url + "/health", run.workdir / "limit.log") as process:
        same_answers(service_url, url, requests)
        return [
            {**record, "command": command}
            for record in measure_each(run.wrk, url, requests, run.shape, process.pid)
        ]


def measure_snippet(
    template: str, snippet: baselines.Snippet, project: Path, run: Run
) -> JsonObject:
    port = free_port()
    env = project_environment(project, PORT=str(port))
    folder = baselines.copy_snippet(snippet, template, run.workdir, env)
    url = f"http://127.0.0.1:{port}"
    with serving(
        snippet.command, folder, env, url + snippet.path, run.workdir / "snippet.log"
    ) as process:
        request = Request(
            "article", "GET", (snippet.path,), least_seconds=snippet.least_load_seconds
        )
        record = measure(run.wrk, url, request, run.shape, process.pid)
    return {**record, "command": snippet.command}


def measure_hello(template: str, project: Path, run: Run) -> JsonObject:
    port = free_port()
    env = project_environment(project, PORT=str(port), **run.server_environment())
    folder = baselines.copy_hello_app(template, run.workdir)
    web = read_procfile(project)["web"]
    command = baselines.package_command(web, PROJECT_SLUG, baselines.HELLO_PACKAGE)
    url = f"http://127.0.0.1:{port}"
    with serving(command, folder, env, url + "/health", run.workdir / "hello.log") as process:
        record = measure(
            run.wrk, url, Request("health", "GET", ("/health",)), run.shape, process.pid
        )
    return {**record, "command": command}


def comparison(service: JsonObject, baseline: JsonObject) -> JsonObject:
    """Service over baseline in requests per second (the goals), and baseline over service in
    CPU time per request (above 1: each request costs the service less)."""
    if not baseline["requests"]:
        raise RuntimeError("a baseline completed no request during its load: no ratio")
    cpu = (service["cpu_ms_per_request"], baseline["cpu_ms_per_request"])
    return {
        "ratio": round(service["requests_per_second"] / baseline["requests_per_second"], 2),
        "cpu_ratio": round(cpu[1] / cpu[0], 2) if all(cpu) else None,
    }


def with_limit_ceiling(
    goal: JsonObject, endpoint: str, limit: list[JsonObject], baseline: JsonObject
) -> JsonObject:
    """A goal's comparison, with the raw-driver limit's own one against the same baseline where
    the limit serves the same endpoint: the most the same database work reaches on this
    framework and server, so a missed goal shows whether the service's layers miss it or the
    database round trip alone does."""
    same_endpoint = next((r for r in limit if r["endpoint"] == endpoint), None)
    if same_endpoint is None:
        return goal
    return {**goal, "raw_driver_limit": comparison(same_endpoint, baseline)}


def article_comparison(
    service: list[JsonObject],
    limit: list[JsonObject],
    snippet: baselines.Snippet | None,
    record: JsonObject | None,
) -> JsonObject | None:
    """The service's page against the article's snippet; None where the article has none."""
    if snippet is None or record is None:
        return None
    endpoint = f"GET {snippet.service_path}"
    article = next(r for r in service if r["endpoint"] == endpoint)
    goal = {
        "path": snippet.path,
        "service_path": snippet.service_path,
        "development_server": snippet.development_server,
        **comparison(article, record),
        "goal": snippet.goal,
    }
    return with_limit_ceiling(goal, endpoint, limit, record)


def benchmark_template(template: str, run: Run) -> JsonObject:
    """Everything measured for one template: its records and the ratios against the baselines."""
    run.workdir.mkdir(parents=True, exist_ok=True)
    green: dict[str, float] | None = None
    if run.project:
        project = run.project
    elif run.shape.warmup_seconds:
        # A full run times a second project to green, once uv's cache is warm from the first.
        project = render(template, run.answers, run.workdir / "service")
        uv("sync", "--locked", "--quiet", cwd=project)
        green = time_to_green(template, run)[1]
    else:
        # A quick run warms nothing up: it serves the project it timed.
        project, green = time_to_green(template, run)
    snippet = baselines.ARTICLE_SNIPPETS[template]
    # A full run measures one server at a time, so that nothing else shares the CPUs with it; a
    # smoke run's figures measure nothing, so its servers start and serve all at once.
    with ThreadPoolExecutor(max_workers=1 if run.shape.stop_after is None else 3) as pool:
        service_job = pool.submit(measure_service, template, project, run)
        snippet_job = (
            pool.submit(measure_snippet, template, snippet, project, run) if snippet else None
        )
        hello_job = pool.submit(measure_hello, template, project, run)
        service, limit = service_job.result()
        snippet_record = snippet_job.result() if snippet_job else None
        hello_record = hello_job.result()

    health = next(r for r in service if r["name"] == "health")
    welcome = next(r for r in service if r["name"] == "welcome")
    return {
        "template": template,
        "web_command": read_procfile(project)["web"],
        "versions": installed_versions(project),
        "time_to_green_seconds": green,
        "records": [
            *({"subject": "service", **record} for record in service),
            *([{"subject": "article snippet", **snippet_record}] if snippet_record else []),
            {"subject": "hello app", **hello_record},
            *({"subject": "raw-driver limit", **record} for record in limit),
        ],
        "article_snippet": article_comparison(service, limit, snippet, snippet_record),
        "hello_app": with_limit_ceiling(
            {**comparison(health, hello_record), "goal": HEALTH_GOAL},
            health["endpoint"],
            limit,
            hello_record,
        ),
        # No goal: what the service's stack costs without the database round trip of /health.
        "welcome_vs_hello_app": comparison(welcome, hello_record),
        "raw_driver_limit": {
            record["name"]: {
                **comparison(next(r for r in service if r["name"] == record["name"]), record),
                "goal": LIMIT_GOAL,
            }
            for record in limit
        },
    }
