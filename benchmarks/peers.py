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
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx
from cookiecutter.main import cookiecutter

from support.live import procfile_server, project_environment, start_in_own_session
from support.postgres import create_database, free_port, restartable_server
from support.projects import clean_environment, read_procfile, render, uv
from support.projects import run as run_command
from support.templates import template_config

from .__main__ import FULL, NOISY_LOAD_PER_CORE, machine
from .load import LoadShape, Request, ensure_wrk, measure, wrk_version
from .report import JsonObject, thousands
from .runner import PROJECT_SLUG, installed_versions, seed_items
from .servers import serving, stop_group

GOAL = 2.0
# The FastAPI and Django peers ask for Python 3.14 (requires-python, .python-version); where
# --peer-python is older, the setup steps below say what that changes.
PEERS_PYTHON = (3, 14)
SEEDED = 10
# The peers' own admin account (created by their own commands), to get a token with.
PEER_USER = "bench"
PEER_EMAIL = "bench@example.com"


@dataclass(frozen=True)
class Server:
    """A running server: what the table calls it, its URL and its process group."""

    label: str
    url: str
    pid: int


@dataclass(frozen=True)
class Load:
    """One load per round: a request against a server."""

    server: Server
    request: Request
    description: str  # the endpoint as the table shows it

    @property
    def key(self) -> str:
        return f"{self.server.label}: {self.description}"


@dataclass(frozen=True)
class Pair:
    """A peer's endpoint and the closest endpoint of ours."""

    framework: str
    peer: Load
    ours: Load
    note: str = ""


@dataclass
class Context:
    """What every setup step shares: a work folder, the PostgreSQL server, the peers' Python."""

    workdir: Path
    postgres_url: str
    peer_python: str  # an interpreter's path
    peer_version: tuple[int, int]
    stack: ExitStack
    logs: list[Path] = field(default_factory=list)

    @property
    def older_python(self) -> bool:
        return self.peer_version < PEERS_PYTHON

    @property
    def version_text(self) -> str:
        return ".".join(map(str, self.peer_version))

    def log(self, name: str) -> Path:
        path = self.workdir / f"{name}.log"
        self.logs.append(path)
        return path


def uv_binary() -> str:
    """The uv beside this interpreter (the bench environment installs it), else uv on PATH."""
    beside = Path(sys.executable).with_name("uv")
    return str(beside) if beside.exists() else "uv"


def tool_environment(**overrides: str) -> dict[str, str]:
    """This environment with the real uv first on PATH (a pyenv shim named uv would read the
    peers' .python-version and refuse a version that is not installed)."""
    path = f"{Path(uv_binary()).parent}{os.pathsep}{os.environ['PATH']}"
    return clean_environment(PATH=path, **overrides)


def venv_environment(venv: Path, **overrides: str) -> dict[str, str]:
    return clean_environment(PATH=f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}", **overrides)


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    if old not in text:
        raise RuntimeError(f"{path}: no {old!r} to replace: the peer changed, check its setup")
    path.write_text(text.replace(old, new), "utf-8")


# PEP 758 (Python 3.14): `except A, B:` without parentheses; older Pythons need them.
UNPARENTHESISED_EXCEPT = re.compile(r"^(\s*except) ([\w.]+(?:, [\w.]+)+):", re.MULTILINE)


def parenthesise_excepts(folder: Path) -> int:
    """Make 3.14-only `except A, B:` clauses run on an older Python; how many were changed."""
    changed = 0
    for path in folder.rglob("*.py"):
        text = path.read_text("utf-8")
        new, count = UNPARENTHESISED_EXCEPT.subn(r"\1 (\2):", text)
        if count:
            path.write_text(new, "utf-8")
            changed += count
    return changed


def bearer(token: str) -> str:
    return f"Authorization: Bearer {token}"


# ---------------------------------------------------------------- full-stack-fastapi-template


def fastapi_peer(checkout: Path, context: Context) -> tuple[Server, list[Load]]:
    """full-stack-fastapi-template's backend as its Dockerfile runs it (`fastapi run`), with
    its prestart script (wait for the database, alembic migrations, the first superuser)."""
    folder = context.workdir / "peer-fastapi"
    backend = folder / "backend"
    # The backend alone, as the image copies it: without the checkout's .env, which sets
    # FASTAPI_ENV=development and would turn its production checks into warnings.
    shutil.copytree(checkout / "backend", backend)
    # Its image builds the React frontend into app/frontend, which app.main serves at /; the
    # benchmark loads only the API, so an empty page stands in for the build (no bun here).
    (backend / "app" / "frontend").mkdir(exist_ok=True)
    (backend / "app" / "frontend" / "index.html").write_text("<!doctype html><title>app</title>")
    if context.older_python:
        # Python 3.14 only: `except A, B:` (PEP 758); parenthesised, the code runs on 3.13.
        parenthesise_excepts(backend / "app")
        # And it counts on 3.14's deferred annotations (PEP 649) for a forward reference;
        # quoted, as SQLModel's own tutorial writes it, it resolves the same way on 3.13.
        replace_once(backend / "app" / "models.py", "items: list[Item]", 'items: list["Item"]')
    # Its locked dependencies (uv.lock at the checkout's root, resolved for 3.14), exported and
    # installed for the peers' Python: the same versions wherever a wheel exists for it.
    requirements = folder / "requirements.txt"
    uv(
        "export",
        "--frozen",
        "--no-dev",
        "--package",
        "app",
        "--no-emit-workspace",
        "--no-hashes",
        "--quiet",
        "--output-file",
        str(requirements),
        cwd=checkout,
    )
    venv = folder / ".venv"
    uv("venv", "--quiet", "--python", context.peer_python, str(venv), cwd=folder)
    uv(
        "pip",
        "install",
        "--quiet",
        "--python",
        str(venv / "bin" / "python"),
        "-r",
        str(requirements),
        cwd=folder,
    )
    # Its settings (app/core/config.py) refuse the sample "changethis" secrets outside
    # development: a fresh key and password, and its database on our PostgreSQL server.
    password = secrets.token_urlsafe(16)
    port = free_port()
    env = venv_environment(
        venv,
        PROJECT_NAME="Full Stack FastAPI Project",
        SECRET_KEY=secrets.token_urlsafe(32),
        FIRST_SUPERUSER=PEER_EMAIL,
        FIRST_SUPERUSER_PASSWORD=password,
        DATABASE_URL=create_database(context.postgres_url, "peer_fastapi"),
        # Its image installs the backend itself (uv sync, editable): its scripts import `app`.
        PYTHONPATH=str(backend),
    )
    run_command(["bash", "scripts/prestart.sh"], cwd=backend, env=env)
    # The Dockerfile's command, on loopback and with our worker count (it ships 4).
    command = f"fastapi run --workers 2 --host 127.0.0.1 --port {port}"
    url = f"http://127.0.0.1:{port}"
    process = context.stack.enter_context(
        serving(
            command, backend, env, url + "/api/v1/utils/health-check/", context.log("peer-fastapi")
        )
    )
    server = Server("full-stack-fastapi-template, `fastapi run --workers 2`", url, process.pid)
    # Every items call is authenticated: a JWT from its login endpoint, sent by wrk.
    login = httpx.post(
        f"{url}/api/v1/login/access-token",
        data={"username": PEER_EMAIL, "password": password},
        timeout=10,
    )
    login.raise_for_status()
    auth = (bearer(login.json()["access_token"]),)
    ids = []
    for number in range(1, SEEDED + 1):
        answer = httpx.post(
            f"{url}/api/v1/items/",
            json={"title": f"Item {number}", "description": f"Seeded item {number}."},
            headers={"Authorization": auth[0].split(": ", 1)[1]},
            timeout=10,
        )
        answer.raise_for_status()
        ids.append(answer.json()["id"])
    return server, [
        Load(
            server,
            Request("list", "GET", ("/api/v1/items/",), headers=auth),
            "GET /api/v1/items/ (10 items and their count, JWT)",
        ),
        Load(
            server,
            Request("item", "GET", tuple(f"/api/v1/items/{i}" for i in ids), headers=auth),
            "GET /api/v1/items/{id} (JWT)",
        ),
    ]


# ---------------------------------------------------------------- cookiecutter-django


@contextmanager
def redis_server(context: Context) -> Iterator[str]:
    """Debian's redis-server on a free loopback port, no persistence: cookiecutter-django's
    production settings cache through django-redis at REDIS_URL."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server is missing: apt-get install redis-server")
    port = free_port()
    command = f"{binary} --bind 127.0.0.1 --port {port} --save '' --appendonly no"
    process = start_in_own_session(
        command, context.workdir, clean_environment(), context.log("redis")
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
                    connection.sendall(b"PING\r\n")
                    if connection.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop_group(process)


def django_peer(checkout: Path, context: Context) -> tuple[Server, list[Load]]:
    """cookiecutter-django generated with DRF, run as its production image does: production
    settings, migrate and collectstatic, then gunicorn on config.wsgi."""
    template = context.workdir / "peer-django-template"
    shutil.copytree(checkout, template, ignore=shutil.ignore_patterns(".git"))
    # It pins Python 3.14 (requires-python, .python-version); its post-generation hook resolves
    # the dependencies with uv against that pin. Relaxed to the peers' Python: the hook then
    # resolves the same requirement files for it.
    if context.older_python:
        project_template = template / "{{cookiecutter.project_slug}}"
        replace_once(
            project_template / "pyproject.toml",
            'requires-python = "==3.14.*"',
            f'requires-python = ">={context.version_text}"',
        )
        (project_template / ".python-version").write_text(f"{context.version_text}\n")
    # The answers: its REST API option (DRF); no Docker (we run it on this machine); no cloud
    # storage (none here), hence WhiteNoise for the static files; plain SMTP mail (no API keys).
    answers = {
        "rest_api": "DRF",
        "use_docker": "n",
        "cloud_provider": "None",
        "use_whitenoise": "y",
        "mail_service": "Other SMTP",
        "username_type": "username",
    }
    generated = context.workdir / "peer-django"
    saved = dict(os.environ)
    # The hook runs `uv add` from PATH; with the peers' Python for the resolution.
    os.environ.update(tool_environment(UV_PYTHON=context.peer_python))
    try:
        project = Path(
            cookiecutter(
                str(template), no_input=True, extra_context=answers, output_dir=str(generated)
            )
        )
    finally:
        os.environ.clear()
        os.environ.update(saved)
    # Its Dockerfile's install: the lock, without the development group.
    uv_env = tool_environment(UV_PYTHON=context.peer_python)
    run_command([uv_binary(), "sync", "--locked", "--no-dev", "--quiet"], cwd=project, env=uv_env)
    redis_url = context.stack.enter_context(redis_server(context))
    port = free_port()
    env = venv_environment(
        project / ".venv",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(40),
        DJANGO_ADMIN_URL="admin/",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        # Its compose puts Traefik in front, which ends TLS; on loopback there is no proxy, so
        # its HTTPS redirect (an env switch of its production settings) is off.
        DJANGO_SECURE_SSL_REDIRECT="False",
        DATABASE_URL=create_database(context.postgres_url, "peer_django"),
        REDIS_URL=redis_url,
        # gunicorn's own setting for the worker count (its start script passes none, so
        # gunicorn would run 1): the same 2 workers as ours.
        WEB_CONCURRENCY="2",
        DJANGO_SUPERUSER_PASSWORD=secrets.token_urlsafe(16),
    )
    # Its release step (Procfile) and its production start script's collectstatic.
    for step in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        run_command(["python", "manage.py", *step], cwd=project, env=env)
    run_command(
        [
            "python",
            "manage.py",
            "createsuperuser",
            "--noinput",
            "--username",
            PEER_USER,
            "--email",
            PEER_EMAIL,
        ],
        cwd=project,
        env=env,
    )
    # Its API authenticates with DRF's tokens: one for the user, from DRF's own command.
    created = run_command(
        ["python", "manage.py", "drf_create_token", PEER_USER], cwd=project, env=env
    )
    match = re.search(r"Generated token (\w+)", created.stdout)
    if not match:
        raise RuntimeError(f"drf_create_token printed no token: {created.stdout}")
    auth = (f"Authorization: Token {match.group(1)}",)
    # Its production start script's command, bound to loopback.
    command = f"gunicorn config.wsgi --bind 127.0.0.1:{port}"
    url = f"http://127.0.0.1:{port}"
    # /admin/login/ answers 200 once the app is up (the API wants the token).
    process = context.stack.enter_context(
        serving(command, project, env, url + "/admin/login/", context.log("peer-django"))
    )
    server = Server("cookiecutter-django (DRF), gunicorn, 2 workers", url, process.pid)
    return server, [
        Load(
            server,
            Request("list", "GET", ("/api/users/",), headers=auth),
            "GET /api/users/ (its own user, token)",
        ),
        Load(
            server,
            Request("item", "GET", (f"/api/users/{PEER_USER}/",), headers=auth),
            "GET /api/users/{username}/ (token)",
        ),
    ]


# ---------------------------------------------------------------- pyramid-cookiecutter-starter


def pyramid_peer(checkout: Path, context: Context, ours: Path) -> tuple[list[Server], list[Load]]:
    """pyramid-cookiecutter-starter with SQLAlchemy (and Jinja2): its home view, which reads
    one row and renders a page, on its production.ini (waitress) and on our Granian command."""
    generated = context.workdir / "peer-pyramid"
    answers = {"backend": "sqlalchemy", "template_language": "jinja2"}
    project = Path(
        cookiecutter(
            str(checkout), no_input=True, extra_context=answers, output_dir=str(generated)
        )
    )
    package = project.name
    # Its README's install (pip install -e .), with psycopg for PostgreSQL and the Granian of
    # our Pyramid project for the second run; on our projects' Python.
    venv = project / ".venv"
    python = str(ours / ".venv" / "bin" / "python")
    uv("venv", "--quiet", "--python", python, str(venv), cwd=project)
    granian = installed_versions(ours)["granian"]
    uv(
        "pip",
        "install",
        "--quiet",
        "--python",
        str(venv / "bin" / "python"),
        "-e",
        ".",
        "psycopg[binary]",
        f"granian=={granian}",
        cwd=project,
    )
    database = create_database(context.postgres_url, "peer_pyramid")
    ini = project / "production.ini"
    replace_once(
        ini,
        f"sqlalchemy.url = sqlite:///%(here)s/{package}.sqlite",
        f"sqlalchemy.url = {database.replace('postgresql:', 'postgresql+psycopg:', 1)}",
    )
    port = free_port()
    replace_once(ini, "listen = *:6543", f"listen = 127.0.0.1:{port}")
    env = venv_environment(venv)
    # Its README's database steps: the first migration, generated; applied; the sample row.
    for step in (
        ["alembic", "-c", "production.ini", "revision", "--autogenerate", "-m", "init"],
        ["alembic", "-c", "production.ini", "upgrade", "head"],
        [f"initialize_{package}_db", "production.ini"],
    ):
        run_command(step, cwd=project, env=env)
    url = f"http://127.0.0.1:{port}"
    waitress = context.stack.enter_context(
        serving("pserve production.ini", project, env, url + "/", context.log("peer-pyramid"))
    )
    # The same app under our Pyramid Procfile's Granian command: a module that loads it from
    # production.ini in place of our package's wsgi module.
    (project / "peer_wsgi.py").write_text(
        "from pyramid.paster import get_app, setup_logging\n\n"
        "setup_logging('production.ini')\n"
        "app = get_app('production.ini', 'main')\n"
    )
    web = read_procfile(ours)["web"]
    target = f"{PROJECT_SLUG}.wsgi:app"
    if target not in web:
        raise RuntimeError(f"our Pyramid web command serves no {target}: {web}")
    granian_port = free_port()
    granian_url = f"http://127.0.0.1:{granian_port}"
    granian_process = context.stack.enter_context(
        serving(
            web.replace(target, "peer_wsgi:app"),
            project,
            venv_environment(venv, PORT=str(granian_port)),
            granian_url + "/",
            context.log("peer-pyramid-granian"),
        )
    )
    servers = [
        Server(
            "pyramid-cookiecutter-starter, `pserve production.ini` (waitress)", url, waitress.pid
        ),
        Server(
            "pyramid-cookiecutter-starter, our Granian command", granian_url, granian_process.pid
        ),
    ]
    return servers, [
        Load(server, Request("home", "GET", ("/",)), "GET / (one row, a Jinja2 page)")
        for server in servers
    ]


# ---------------------------------------------------------------- ours


def ours(template: str, context: Context) -> tuple[Path, Server, list[Load]]:
    """Our template with the PostgreSQL answer, run as the benchmark runs it (runner.py): its
    build step, its Procfile's release and web processes, 10 items seeded."""
    project = render(template, {"database": "postgresql"}, context.workdir / f"ours-{template}")
    uv("sync", "--locked", "--quiet", cwd=project)
    build = template_config(template).get("__build_command")
    if build:
        run_command(["sh", "-c", build], cwd=project, env=project_environment(project))
    database = create_database(context.postgres_url, f"ours_{template}")
    live = context.stack.enter_context(
        procfile_server(project, context.log(f"ours-{template}"), DATABASE_URL=database)
    )
    server = Server(
        f"ours ({template}), {read_procfile(project)['web'].split()[0]}",
        live.url,
        live.process.pid,
    )
    ids = seed_items(live.url)
    return (
        project,
        server,
        [
            Load(server, Request("list", "GET", ("/api/items",)), "GET /api/items (10 items)"),
            Load(
                server,
                Request("item", "GET", tuple(f"/api/items/{i}" for i in ids)),
                "GET /api/items/{id}",
            ),
        ],
    )


def by_name(loads: list[Load], name: str) -> Load:
    return next(load for load in loads if load.request.name == name)


# ---------------------------------------------------------------- the run


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


def distinct_loads(pairs: list[Pair]) -> list[Load]:
    loads: dict[str, Load] = {}
    for pair in pairs:
        for load in (pair.peer, pair.ours):
            loads.setdefault(load.key, load)
    return list(loads.values())


def check_answers(loads: list[Load]) -> None:
    """Every path of every load answers 200 before any load (wrk counts a redirect as an
    answer), the peers' with the token their load sends."""
    for load in loads:
        headers = dict(header.split(": ", 1) for header in load.request.headers)
        for path in load.request.paths:
            answer = httpx.get(load.server.url + path, headers=headers, timeout=10)
            if answer.status_code != 200:
                raise RuntimeError(f"{load.key}: GET {path} answered {answer.status_code}")


def run_rounds(
    pairs: list[Pair], wrk: str, shape: LoadShape, rounds: int
) -> dict[str, list[JsonObject]]:
    """Each load once per round; every other round in reverse order, so that neither side
    always runs first after the other's load."""
    loads = distinct_loads(pairs)
    check_answers(loads)
    records: dict[str, list[JsonObject]] = {load.key: [] for load in loads}
    for number in range(rounds):
        order = loads if number % 2 == 0 else loads[::-1]
        for load in order:
            record = measure(wrk, load.server.url, load.request, shape, load.server.pid)
            # Kept whatever it shows: a server that stalls is part of the comparison. (wrk
            # counts neither a request still unanswered when a load ends nor, then, its
            # timeout: a server that stopped answering shows as no requests and no errors.)
            records[load.key].append(record)
            print(
                f"  round {number + 1}: {load.key}: {record['requests_per_second']:,.0f} "
                f"requests/s, {record['error_count']} errors",
                flush=True,
            )
    return records


def median(records: list[JsonObject], key: str) -> float | None:
    """The median over the rounds that have the figure (no CPU per request without answers)."""
    values = [record[key] for record in records if record[key] is not None]
    return float(statistics.median(values)) if values else None


def rounds_text(records: list[JsonObject]) -> str:
    return ", ".join(thousands(record["requests_per_second"]) for record in records)


def cpu_ratio(peer: list[JsonObject], ours: list[JsonObject]) -> str:
    figures = (median(peer, "cpu_ms_per_request"), median(ours, "cpu_ms_per_request"))
    return f"{figures[0] / figures[1]:.2f}x" if figures[0] and figures[1] else "none"


def errors(records: list[JsonObject]) -> int:
    return sum(record["error_count"] for record in records)


def table(pairs: list[Pair], records: dict[str, list[JsonObject]], header: JsonObject) -> str:
    load = ", ".join(f"{value:.1f}" for value in header["machine"]["load_average_before"])
    lines = [
        f"Measured {header['measured_at']} on {header['machine']['description']} (load average "
        f"before the run: {load}{'; a noisy run' if header['noisy'] else ''}), wrk "
        f"{header['wrk']}, {header['load']['threads']} threads, {header['load']['connections']} "
        f"connections, {header['load']['seconds']} s per load after "
        f"{header['load']['warmup_seconds']} s of warm-up, medians of {header['rounds']} "
        "interleaved rounds (each round's figure in brackets), PostgreSQL on loopback, 2 "
        "workers each. CPU per request (the server's whole process group) is steadier than "
        "requests per second on a busy machine.",
        "",
        "| framework | peer endpoint (server) | peer requests/s | our endpoint (server) "
        "| our requests/s | ours/peer | goal 2x | CPU per request, peer/ours "
        "| errors, peer/ours |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for pair in pairs:
        peer_records, our_records = records[pair.peer.key], records[pair.ours.key]
        peer = median(peer_records, "requests_per_second") or 0.0
        our = median(our_records, "requests_per_second") or 0.0
        ratio = f"{our / peer:.2f}x" if peer else "peer answered none"
        met = "✓" if peer and our / peer >= GOAL else "✗"
        note = f"; {pair.note}" if pair.note else ""
        lines.append(
            f"| {pair.framework} | {pair.peer.description} ({pair.peer.server.label}{note}) "
            f"| {thousands(peer)} ({rounds_text(peer_records)}) | {pair.ours.description} "
            f"({pair.ours.server.label}) | {thousands(our)} ({rounds_text(our_records)}) "
            f"| {ratio} | {met} | {cpu_ratio(peer_records, our_records)} "
            f"| {errors(peer_records)}/{errors(our_records)} |"
        )
    return "\n".join(lines)


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
