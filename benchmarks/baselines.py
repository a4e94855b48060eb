"""The three baselines of each template: the article's own snippet, run as the article runs it;
a bare hello app; and the raw-driver limit, an app of the same framework answering /health and
the reads from the service's table through the database driver alone. The last two are served
by the template's own production command line.

What is genuinely per framework lives in ARTICLE_SNIPPETS (the one table) and in three folders,
snippets/<template>/, hello/<template>/ and limit/<template>/ (with limit/raw_database.py, the
queries they share); the list of templates comes from templates/, and the apps' server command
from the generated project's Procfile."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from service_hooks.shared_files import requirement_name
from support.projects import run
from support.templates import ROOT, template_config, template_names

HERE = Path(__file__).parent
SNIPPETS = HERE / "snippets"
HELLO_APPS = HERE / "hello"
HELLO_PACKAGE = "hello_service"
LIMIT_APPS = HERE / "limit"
LIMIT_PACKAGE = "limit_service"
RAW_DATABASE = LIMIT_APPS / "raw_database.py"
ASYNCPG_REQUIREMENT = "asyncpg>=0.30,<1"
PSYCOPG_REQUIREMENT = "psycopg[binary]>=3.2,<4"


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
    # How long the article's handler waits before it answers (the service's /delay is given
    # the same wait through DELAY_SECONDS); a load must last longer for any request to count.
    answer_seconds: int = 0
    # Turns the copied snippet folder into the folder to run `command` in.
    prepare: Callable[[Path, dict[str, str]], Path] | None = None

    @property
    def goal(self) -> float:
        """The least ratio service/snippet the issue asks for."""
        return 3.0 if self.development_server else 1.0

    @property
    def least_load_seconds(self) -> int:
        """The shortest load in which the article's requests complete."""
        return self.answer_seconds + 1 if self.answer_seconds else 0


# None: the article has no example of the framework (the templates added from the survey of
# thirteen frameworks); the benchmark measures no snippet and its table says so.
ARTICLE_SNIPPETS: dict[str, Snippet | None] = {
    "falcon": None,
    "sanic": None,
    "turbogears": None,
    "cubicweb": None,
    "zope": None,
    "py4web": None,
    "masonite": None,
    "flask": Snippet("python app.py", "/api/items", "/api/items", development_server=True),
    "fastapi": Snippet(
        "uvicorn main:app --reload --port $PORT", "/items/", "/api/items", development_server=True
    ),
    "pyramid": Snippet("python app.py", "/", "/", development_server=True),
    "bottle": Snippet("python app.py", "/square/5", "/square/5", development_server=True),
    "cherrypy": Snippet("python app.py", "/add?a=5&b=3", "/add?a=5&b=3", development_server=False),
    # The article's handler waits 2 s; the service's /delay does the same with DELAY_SECONDS=2.
    "tornado": Snippet("python app.py", "/", "/delay", development_server=False, answer_seconds=2),
    # The article's only page is the admin: its login form, on runserver against granian.
    "django": Snippet(
        "python manage.py runserver $PORT",
        "/admin/login/",
        "/admin/login/",
        development_server=True,
        prepare=django_startproject,
    ),
}


def copy_snippet(snippet: Snippet, template: str, workdir: Path, env: dict[str, str]) -> Path:
    """A working copy of the snippet (its runs write caches and databases), ready to run."""
    folder = workdir / "snippet"
    shutil.copytree(SNIPPETS / template, folder)
    return snippet.prepare(folder, env) if snippet.prepare else folder


def copy_hello_app(template: str, workdir: Path) -> Path:
    folder = workdir / "hello"
    shutil.copytree(HELLO_APPS / template, folder)
    return folder


def copy_limit_app(template: str, workdir: Path) -> Path:
    """The raw-driver app, with the shared queries module in its package and the hello app's
    package beside it: where a framework needs more than routes (a server to start, settings),
    both apps use the hello app's."""
    folder = workdir / "limit"
    shutil.copytree(LIMIT_APPS / template, folder)
    shutil.copy(RAW_DATABASE, folder / LIMIT_PACKAGE / RAW_DATABASE.name)
    shutil.copytree(HELLO_APPS / template / HELLO_PACKAGE, folder / HELLO_PACKAGE)
    return folder


def limit_requirements(template: str, postgresql: bool) -> list[str]:
    """What the raw-driver app needs beyond the service's environment on PostgreSQL: the async
    apps read through asyncpg (raw_database.AsyncDatabase), which no service installs, and the
    others through psycopg 3, which a service on another driver (psycopg2) lacks."""
    if not postgresql:
        return []
    requirements = []
    sources = (LIMIT_APPS / template / LIMIT_PACKAGE).rglob("*.py")
    if any("AsyncDatabase" in path.read_text("utf-8") for path in sources):
        requirements.append(ASYNCPG_REQUIREMENT)
    drivers = template_config(template)["_postgresql_dependencies"]
    if not any(requirement_name(driver) == "psycopg" for driver in drivers):
        requirements.append(PSYCOPG_REQUIREMENT)
    return requirements


def package_command(web_command: str, project_slug: str, package: str) -> str:
    """The template's Procfile web command with `package` in place of the project's."""
    if project_slug not in web_command:
        raise RuntimeError(f"the web command does not name the package: {web_command}")
    return web_command.replace(project_slug, package)


def missing_baselines(template: str) -> list[str]:
    """The places a template's baselines belong and are absent from, as repository paths."""
    places = {
        f"benchmarks/baselines.py: ARTICLE_SNIPPETS[{template!r}]": template in ARTICLE_SNIPPETS,
        f"{(SNIPPETS / template).relative_to(ROOT)}/": (SNIPPETS / template).is_dir()
        or ARTICLE_SNIPPETS.get(template, True) is None,
        f"{(HELLO_APPS / template / HELLO_PACKAGE).relative_to(ROOT)}/__init__.py": (
            HELLO_APPS / template / HELLO_PACKAGE / "__init__.py"
        ).is_file(),
        f"{(LIMIT_APPS / template / LIMIT_PACKAGE).relative_to(ROOT)}/__init__.py": (
            LIMIT_APPS / template / LIMIT_PACKAGE / "__init__.py"
        ).is_file(),
    }
    return [place for place, present in places.items() if not present]


def baselines_without_template() -> list[str]:
    """Baseline entries and folders that name no template under templates/."""
    templates = set(template_names())
    orphans = [
        f"benchmarks/baselines.py: ARTICLE_SNIPPETS[{name!r}]"
        for name in ARTICLE_SNIPPETS
        if name not in templates
    ]
    for parent in (SNIPPETS, HELLO_APPS, LIMIT_APPS):
        orphans += [
            f"{folder.relative_to(ROOT)}/"
            for folder in sorted(parent.iterdir())
            if folder.is_dir()
            and not folder.name.startswith(("_", "."))
            and folder.name not in templates
        ]
    return orphans
