"""full-stack-fastapi-template's backend, set up and served as its image does."""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path

from support import loopback
from support.postgres import create_database, free_port
from support.projects import run as run_command
from support.projects import uv

from ..load import Request
from ..servers import serving
from .common import (
    PEER_EMAIL,
    SEEDED,
    Context,
    Load,
    Server,
    bearer,
    parenthesise_excepts,
    replace_once,
    venv_environment,
)


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
    login = loopback.post(
        f"{url}/api/v1/login/access-token",
        data={"username": PEER_EMAIL, "password": password},
        timeout=10,
    )
    login.raise_for_status()
    auth = (bearer(login.json()["access_token"]),)
    ids = []
    for number in range(1, SEEDED + 1):
        answer = loopback.post(
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
