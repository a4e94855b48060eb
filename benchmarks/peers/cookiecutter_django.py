"""cookiecutter-django with its DRF option, generated and served as its production image does."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cookiecutter.main import cookiecutter

from support.live import start_in_own_session
from support.postgres import create_database, free_port
from support.projects import clean_environment
from support.projects import run as run_command

from ..load import Request
from ..servers import serving, stop_group
from .common import (
    PEER_EMAIL,
    PEER_USER,
    Context,
    Load,
    Server,
    replace_once,
    tool_environment,
    uv_binary,
    venv_environment,
)


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
