"""Our template beside a peer: the PostgreSQL answer, served as the benchmark serves it."""

from __future__ import annotations

from pathlib import Path

from support.live import procfile_server, project_environment
from support.postgres import create_database
from support.projects import read_procfile, render, uv
from support.projects import run as run_command
from support.templates import template_config

from ..load import Request
from ..runner import seed_items
from .common import Context, Load, Server


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
