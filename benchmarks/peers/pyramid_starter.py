"""pyramid-cookiecutter-starter with SQLAlchemy, on its production.ini and our Granian command."""

from __future__ import annotations

from pathlib import Path

from cookiecutter.main import cookiecutter

from support.postgres import create_database, free_port
from support.projects import read_procfile, uv
from support.projects import run as run_command

from ..load import Request
from ..runner import PROJECT_SLUG, installed_versions
from ..servers import serving
from .common import Context, Load, Server, replace_once, venv_environment


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
