"""Security of what the templates generate: bandit, secrets, headers, no debug in production.

Static checks run on every render of a template (the `renders` fixture); the live ones start
the Procfile web process as production does and look at it from outside.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest

from support import loopback
from support.access import AUTHORIZATION
from support.contract import MAX_BODY_BYTES, SECURITY_HEADERS
from support.live import LiveServer, ServedServer, build_command
from support.processes import session_processes
from support.projects import (
    Renders,
    python_sources_digest,
    read_procfile,
    render,
)
from support.templates import choice_questions

# bandit's hard-coded password tests; they are LOW severity, so they are checked on their own.
PASSWORD_TESTS = {"B105", "B106", "B107"}

# user:password@ in a URL. Placeholders in documentation (`user:password@host`) and values
# filled in at run time (`${POSTGRES_PASSWORD:?...}`, an f-string's `{password}`) are not
# literals.
URL_CREDENTIALS = re.compile(r"[a-z][a-z0-9+.-]*://[^\s/:@]+:(?P<password>[^\s@/]+)@")
URL_PASSWORD_PLACEHOLDERS = {"password", "PASSWORD"}
# KEY: value or KEY=value for a secret-looking setting in compose, .ini, .env-style files.
SECRET_SETTING = re.compile(
    r"^\s*[\"']?(?P<name>\w*(?:PASSWORD|SECRET|TOKEN|API_KEY|PRIVATE_KEY)\w*)[\"']?\s*[:=]"
    r"\s*(?P<value>.*?)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
# Widely copied defaults that are secrets in name only.
WEAK_SECRETS = re.compile(r"postgres:postgres@|django-insecure|changeme|change-me", re.I)

# Command-line words and variables that turn on a debugger, debug pages or a reloader.
DEBUG_SWITCHES = re.compile(
    r"--debug\b|--reload\b|--reloader\b|--autoreload\b|\brunserver\b|--dev\b"
    r"|\bFLASK_DEBUG\b|\bDEBUG=(?:1|true|yes|on)\b|\bdebug=True\b",
    re.IGNORECASE,
)
# Environment variables a reloader's parent sets for the child it restarts on code changes.
RELOADER_CHILD_MARKERS = ("WERKZEUG_RUN_MAIN", "RUN_MAIN", "BOTTLE_CHILD")
# Text only debug pages and debuggers put in a response.
DEBUG_PAGE_MARKERS = (
    "Traceback (most recent call last)",
    "Werkzeug Debugger",
    "__debugger__",
    "DEBUG = True",
    "Using the URLconf",
    "djdt",
)
ROOT_USERS = {"root", "0"}
# Seconds a stat or inotify reloader gets to notice a changed module (they poll at 1 s or less).
RELOADER_GRACE = 3.0


def default_answers(template: str, **overrides: str) -> dict[str, str]:
    return {key: choices[0] for key, choices in choice_questions(template).items()} | overrides


def generated_files(project: Path) -> Iterator[Path]:
    for path in sorted(project.rglob("*")):
        if path.is_file():
            yield path


def env_values(env_file: Path) -> dict[str, str]:
    values = {}
    for line in env_file.read_text("utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


@cache
def bandit_report(projects: tuple[str, ...]) -> dict[str, Any]:
    """One bandit run over every given project, every test, every severity."""
    result = subprocess.run(
        [sys.executable, "-m", "bandit", "--recursive", "--quiet", "--format", "json", *projects],
        capture_output=True,
        text=True,
        check=False,
    )
    # Exit status 1 means findings; anything the JSON does not hold is a failed run.
    assert result.returncode in (0, 1), result.stderr[-4000:]
    report: dict[str, Any] = json.loads(result.stdout)
    assert not report["errors"], report["errors"]
    return report


def distinct_python_renders(renders: Renders, template: str) -> tuple[str, ...]:
    """One render per distinct set of Python sources: bandit reads only .py files, so a clean
    report for it is a clean report for every render with byte-identical Python code."""
    by_digest: dict[str, Path] = {}
    for project in renders(template).values():
        by_digest.setdefault(python_sources_digest(project), project)
    return tuple(str(path) for path in by_digest.values())


def describe(findings: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{item['test_id']} {item['issue_severity']} {item['filename']}:{item['line_number']}: "
        f"{item['issue_text']}"
        for item in findings
    )


# --- static: every render ----------------------------------------------------------------


def test_every_render_is_bandit_clean(template: str, renders: Renders) -> None:
    report = bandit_report(distinct_python_renders(renders, template))
    assert report["metrics"]["_totals"]["loc"] > 0, "bandit read no code"
    serious = [item for item in report["results"] if item["issue_severity"] in {"MEDIUM", "HIGH"}]
    assert not serious, describe(serious)


def test_no_password_literal_in_python_code(template: str, renders: Renders) -> None:
    report = bandit_report(distinct_python_renders(renders, template))
    # An empty string is no secret: it is how the tests unset one.
    passwords = [
        item
        for item in report["results"]
        if item["test_id"] in PASSWORD_TESTS and not item["issue_text"].endswith(": ''")
    ]
    assert not passwords, describe(passwords)


def is_reference(value: str) -> bool:
    """A shell or compose variable, or a placeholder for a value (`{password}`, `<a key>`)."""
    return value.startswith(("$", "{", "<"))


def secret_literals(project: Path) -> list[str]:
    """Every secret-looking literal in a project's files but `.env`, as `path:line: text`."""
    found = []
    for path in generated_files(project):
        relative = path.relative_to(project).as_posix()
        if relative == ".env":
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            where = f"{relative}:{number}: {line.strip()}"
            for match in URL_CREDENTIALS.finditer(line):
                password = match["password"]
                if password not in URL_PASSWORD_PLACEHOLDERS and not is_reference(password):
                    found.append(where)
            if WEAK_SECRETS.search(line):
                found.append(where)
            if path.suffix != ".py":  # Python assignments are bandit's (B105-B107).
                setting = SECRET_SETTING.match(line)
                value = setting["value"].strip("\"'") if setting else ""
                if value and not is_reference(value):
                    found.append(where)
    return found


def test_no_secret_literal_outside_env(template: str, renders: Renders) -> None:
    for project in renders(template).values():
        assert not secret_literals(project), "\n".join(secret_literals(project))


def test_generated_secrets_stay_in_env(template: str, renders: Renders) -> None:
    """Each `.env` value appears in no other file of its project, and `.env` is never shipped."""
    checked = 0
    for key, project in renders(template).items():
        env_file = project / ".env"
        if not env_file.exists():
            continue
        ignored = {
            name: (project / name).read_text("utf-8").splitlines()
            for name in (".gitignore", ".dockerignore")
        }
        assert all(".env" in lines for lines in ignored.values()), key
        values = env_values(env_file).values()
        for path in generated_files(project):
            if path != env_file:
                text = path.read_text("utf-8")
                leaked = [value for value in values if value in text]
                assert not leaked, f"{key}: a .env value is written in {path.name}"
        checked += 1
    if any("postgresql" in key for key in renders(template)):
        assert checked, "the postgresql renders should have a .env"


def test_postgresql_password_comes_from_env(template: str, renders: Renders) -> None:
    for key, project in renders(template).items():
        if "-postgresql-" not in f"-{key}-":
            continue
        assert "POSTGRES_PASSWORD" in env_values(project / ".env"), key
        compose = (project / "compose.yaml").read_text("utf-8")
        assert compose.count("${POSTGRES_PASSWORD:?") == 2, key  # db service and DATABASE_URL
        assert "POSTGRES_PASSWORD=\n" in (project / ".env.example").read_text("utf-8"), key


def test_every_render_has_its_own_secrets(template: str, renders: Renders) -> None:
    values = [
        value
        for project in renders(template).values()
        if (project / ".env").exists()
        for value in env_values(project / ".env").values()
    ]
    assert len(values) == len(set(values)), "two renders share a generated secret"


def test_two_renders_of_the_same_answers_never_share_a_secret(
    template: str, tmp_path: Path
) -> None:
    answers = default_answers(template, database="postgresql")
    first, second = (
        env_values(render(template, answers, tmp_path / name) / ".env")
        for name in ("first", "second")
    )
    assert "POSTGRES_PASSWORD" in first
    assert first.keys() == second.keys()
    for name in first:
        assert len(first[name]) >= 32, f"{name} is too short to be a secret"
        assert first[name] != second[name], f"{name} is the same in two renders"


def dockerfile_command(dockerfile: str) -> str:
    """The command of the Dockerfile's CMD (exec form), joined into one line."""
    lines = [line for line in dockerfile.splitlines() if line.startswith("CMD ")]
    assert lines, "the Dockerfile has no CMD"
    return " ".join(json.loads(lines[-1].removeprefix("CMD ")))


def final_user(dockerfile: str) -> str | None:
    """The USER of the last stage: the one the container runs as."""
    last_stage = re.split(r"^FROM ", dockerfile, flags=re.M)[-1]
    users = re.findall(r"^USER\s+(\S+)", last_stage, flags=re.M)
    return users[-1] if users else None


def test_production_processes_have_no_debug_or_reloader(template: str, renders: Renders) -> None:
    for key, project in renders(template).items():
        dockerfile = (project / "Dockerfile").read_text("utf-8")
        environment_lines = [
            line for line in dockerfile.splitlines() if line.lstrip().startswith(("ENV", "ARG"))
        ]
        for source, text in [
            ("Procfile web", read_procfile(project)["web"]),
            ("Procfile release", read_procfile(project)["release"]),
            ("Dockerfile CMD", dockerfile_command(dockerfile)),
            ("Dockerfile ENV", "\n".join(environment_lines)),
        ]:
            switch = DEBUG_SWITCHES.search(text)
            assert switch is None, f"{key}: {source} turns on {switch and switch[0]!r}: {text}"


def test_container_user_is_not_root(template: str, renders: Renders) -> None:
    for key, project in renders(template).items():
        user = final_user((project / "Dockerfile").read_text("utf-8"))
        assert user is not None, f"{key}: the image runs as root (no USER)"
        assert user.split(":")[0] not in ROOT_USERS, f"{key}: the image runs as {user}"


# --- live: the Procfile web process ---------------------------------------------------------

# Pages beyond the contract are those the generated README's API table documents, so every page a
# template adds is checked without a list here. A cell of that table: `GET /greet/<name>`,
# `/admin/`, `DELETE /api/items/<id>`.
API_TABLE_PATH = re.compile(r"^(?:(?P<method>[A-Z]+) )?(?P<path>/\S*)$")
# Paths contract_requests() covers already.
CONTRACT_PATHS = re.compile(r"^/(?:$|health\b|api/)")
# <name>, <int:id>, {id}: a path parameter in the README's notation.
PATH_PARAMETER = re.compile(r"<[^>]+>|\{[^}]+\}")
QUERY_VALUE = re.compile(r"=[^&]*")
# What HTML pages link from the static files, and a file in their folder that does not exist.
STATIC_LINK = re.compile(r'(?:href|src)="(/static/[^"?#]+)"')
MISSING_STATIC_FILE = "no-such-file.css"


def contract_requests(client: httpx.Client) -> Iterator[tuple[str, httpx.Response, int | None]]:
    """Every kind of response the contract names: (what, response, expected status)."""
    yield "GET /health", client.get("/health"), 200
    yield "HEAD /health", client.head("/health"), None
    yield "GET /", client.get("/"), 200
    yield "GET /api/items", client.get("/api/items"), 200
    created = client.post("/api/items", json={"name": "security headers", "description": None})
    yield "POST /api/items", created, 201
    item = created.json()["id"]
    yield "GET item", client.get(f"/api/items/{item}"), 200
    yield "PUT item", client.put(f"/api/items/{item}", json={"name": "renamed"}), 200
    yield "DELETE item", client.delete(f"/api/items/{item}"), 204
    yield "GET deleted item", client.get(f"/api/items/{item}"), 404
    anonymous = {"Authorization": ""}
    yield "POST without a token (401)", client.post("/api/items", headers=anonymous), 401
    yield "GET /api/unknown", client.get("/api/unknown"), 404
    yield "GET /no-such-page", client.get("/no-such-page"), 404
    yield "DELETE /api/items (405)", client.delete("/api/items"), 405
    yield "PATCH /health (405)", client.patch("/health"), 405
    yield "limit=0 (400)", client.get("/api/items", params={"limit": "0"}), 400
    yield "offset=-1 (400)", client.get("/api/items", params={"offset": "-1"}), 400
    headers = {"Content-Type": "application/json"}
    yield "bad JSON (400)", client.post("/api/items", content=b"{", headers=headers), 400
    yield (
        "text/plain (415)",
        client.post("/api/items", content=b"name", headers={"Content-Type": "text/plain"}),
        415,
    )
    yield "unknown field (422)", client.post("/api/items", json={"id": 1, "name": "x"}), 422
    yield "name too long (422)", client.post("/api/items", json={"name": "x" * 101}), 422
    big = b'{"name": "' + b"x" * MAX_BODY_BYTES + b'"}'
    yield "body over the limit (413)", client.post("/api/items", content=big, headers=headers), 413
    # What debuggers and debug toolbars serve, when they are on.
    yield "debug toolbar", client.get("/__debug__/"), 404
    yield (
        "Werkzeug debugger resource",
        client.get("/", params={"__debugger__": "yes", "cmd": "resource", "f": "style.css"}),
        None,
    )


def readme_pages(project: Path) -> list[str]:
    """The GET pages the project's README documents beyond the contract (its API table), each
    with sample values and once more with a word wherever a value goes: no page may fail."""
    readme = (project / "README.md").read_text("utf-8")
    api_section = readme.partition("\n## API\n")[2].partition("\n## ")[0]
    assert "| `" in api_section, f"{project / 'README.md'} has no API table"
    pages = []
    for row in api_section.splitlines():
        if not row.startswith("| `"):
            continue
        first_cell = row.split(" | ")[0]
        for code in re.findall(r"`([^`]+)`", first_cell):
            match = API_TABLE_PATH.match(code)
            if not match or match["method"] not in (None, "GET"):
                continue
            path = match["path"]
            if CONTRACT_PATHS.match(path):
                continue
            sample = PATH_PARAMETER.sub("1", path)
            word = QUERY_VALUE.sub("=x", PATH_PARAMETER.sub("x", path))
            pages += [sample] if sample == word else [sample, word]
    return list(dict.fromkeys(pages))


def page_requests(
    client: httpx.Client, pages: list[str]
) -> Iterator[tuple[str, httpx.Response, int | None]]:
    """Each page, and every redirect on the way to it."""
    for page in pages:
        response = client.get(page, follow_redirects=True)
        for step in [*response.history, response]:
            yield f"GET {step.request.url.raw_path.decode()}", step, None


def static_file_requests(
    client: httpx.Client, pages: list[httpx.Response]
) -> Iterator[tuple[str, httpx.Response, int | None]]:
    """The static files the HTML pages link, and a missing one beside them."""
    links = {
        link
        for page in pages
        if "text/html" in page.headers.get("Content-Type", "")
        for link in STATIC_LINK.findall(page.text)
    }
    for link in sorted(links):
        yield f"static {link}", client.get(link), 200
    if links:
        folder = min(links).rpartition("/")[0]
        missing = f"{folder}/{MISSING_STATIC_FILE}"
        yield f"static {missing} (missing)", client.get(missing), 404


@pytest.fixture
def live_server(template: str, served_sqlite_server: ServedServer) -> tuple[Path, LiveServer]:
    return served_sqlite_server(template)


@pytest.mark.slow
@pytest.mark.live
def test_live_security_headers_and_no_debug_pages(
    template: str, live_server: tuple[Path, LiveServer]
) -> None:
    project, server = live_server
    with loopback.client(base_url=server.url, headers=AUTHORIZATION, timeout=30) as client:
        pages = list(page_requests(client, readme_pages(project)))
        responses = [
            *contract_requests(client),
            *pages,
            *static_file_requests(client, [response for _, response, _ in pages]),
        ]
    if build_command(template):
        # The build step made static files: a page documented in the README should link one.
        assert any(what.startswith("static") for what, _, _ in responses), "no static file"
    for what, response, expected in responses:
        if expected is not None:
            assert response.status_code == expected, f"{what}: {response.status_code}"
        assert response.status_code < 500, f"{what}: {response.status_code} {response.text}"
        for name, value in SECURITY_HEADERS.items():
            assert response.headers.get(name) == value, f"{what}: {name} is missing or wrong"
        for marker in DEBUG_PAGE_MARKERS:
            assert marker not in response.text, f"{what}: a debug page ({marker!r})"
        # Stylesheets come from the static files only, never from a debugger's resources.
        if "text/css" in response.headers.get("Content-Type", ""):
            assert what.startswith("static"), f"{what}: a stylesheet"
    print(f"{template}: {len(responses)} responses carry the security headers")


@pytest.mark.slow
@pytest.mark.live
def test_live_server_runs_no_debugger_or_reloader(
    template: str, live_server: tuple[Path, LiveServer]
) -> None:
    project, server = live_server
    before = session_processes(server.process.pid)
    assert before, "the server's processes should be visible in /proc"
    for process in before:
        command_line = " ".join(process.command_line)
        assert not DEBUG_SWITCHES.search(command_line), f"debug switch in {command_line}"
        markers = set(RELOADER_CHILD_MARKERS) & process.environment.keys()
        assert not markers, f"a reloader's child ({markers}): {command_line}"
        debug = process.environment.get("DEBUG", "").lower()
        assert debug not in {"1", "true", "yes", "on"}, f"DEBUG={debug}: {command_line}"
    # A reloader would restart the server's processes once a module of the package changes.
    module = sorted((project / project.name).glob("*.py"))[0]
    module.write_bytes(module.read_bytes())
    time.sleep(RELOADER_GRACE)
    after = session_processes(server.process.pid)
    identities = {(process.pid, process.start_time) for process in after}
    assert identities == {(process.pid, process.start_time) for process in before}
    assert loopback.get(f"{server.url}/health", timeout=10).status_code == 200
    print(f"{template}: {len(before)} server processes, none restarted after a code change")
