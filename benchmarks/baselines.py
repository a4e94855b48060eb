"""The two baselines of each template: the article's own snippet, run as the article runs it,
and a bare hello app served by the template's own production command line."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from support.projects import run

HERE = Path(__file__).parent
SNIPPETS = HERE / "snippets"
HELLO_APPS = HERE / "hello"
HELLO_PACKAGE = "hello_service"


def django_startproject(workdir: Path, env: dict[str, str]) -> Path:
    """The article's steps: startproject myblog, startapp posts, its model and admin, migrate."""
    run(["django-admin", "startproject", "myblog"], cwd=workdir, env=env)
    site = workdir / "myblog"
    run(["python", "manage.py", "startapp", "posts"], cwd=site, env=env)
    for name in ("models.py", "admin.py"):
        shutil.copy(workdir / "posts" / name, site / "posts" / name)
    settings = site / "myblog" / "settings.py"
    text = settings.read_text()
    installed = "INSTALLED_APPS = ["
    if installed not in text:
        raise RuntimeError(f"startproject wrote no INSTALLED_APPS list in {settings}")
    settings.write_text(text.replace(installed, f"{installed}\n    'posts',", 1))
    run(["python", "manage.py", "makemigrations", "posts"], cwd=site, env=env)
    run(["python", "manage.py", "migrate"], cwd=site, env=env)
    return site


@dataclass(frozen=True)
class Snippet:
    """The article's example for a framework and the page of the generated service it matches."""

    command: str  # run with the project's virtual environment first on PATH, $PORT set
    path: str  # the article's endpoint
    service_path: str  # the same endpoint on the generated service
    development_server: bool  # the article runs it on a development server
    # Turns the copied snippet folder into the folder to run `command` in.
    prepare: Callable[[Path, dict[str, str]], Path] | None = None

    @property
    def goal(self) -> float:
        """The least ratio service/snippet the issue asks for."""
        return 3.0 if self.development_server else 1.0


ARTICLE_SNIPPETS = {
    "flask": Snippet("python app.py", "/api/items", "/api/items", development_server=True),
    "fastapi": Snippet(
        "uvicorn main:app --reload --port $PORT", "/items/", "/api/items", development_server=True
    ),
    "pyramid": Snippet("python app.py", "/", "/", development_server=True),
    "bottle": Snippet("python app.py", "/square/5", "/square/5", development_server=True),
    "cherrypy": Snippet("python app.py", "/add?a=5&b=3", "/add?a=5&b=3", development_server=False),
    # The article's handler waits 2 s; the service's /delay does the same with DELAY_SECONDS=2.
    "tornado": Snippet("python app.py", "/", "/delay", development_server=False),
    # The article's only page is the admin: its login form, on runserver against granian.
    "django": Snippet(
        "python manage.py runserver $PORT",
        "/admin/login/",
        "/admin/login/",
        development_server=True,
        prepare=django_startproject,
    ),
}


def copy_snippet(template: str, workdir: Path, env: dict[str, str]) -> Path:
    """A working copy of the snippet (its runs write caches and databases), ready to run."""
    folder = workdir / "snippet"
    shutil.copytree(SNIPPETS / template, folder)
    prepare = ARTICLE_SNIPPETS[template].prepare
    return prepare(folder, env) if prepare else folder


def copy_hello_app(template: str, workdir: Path) -> Path:
    folder = workdir / "hello"
    shutil.copytree(HELLO_APPS / template, folder)
    return folder


def hello_command(web_command: str, project_slug: str) -> str:
    """The template's Procfile web command with the hello package in place of the project's."""
    if project_slug not in web_command:
        raise RuntimeError(f"the web command does not name the package: {web_command}")
    return web_command.replace(project_slug, HELLO_PACKAGE)
