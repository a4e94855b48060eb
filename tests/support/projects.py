"""Rendering templates and running commands inside the generated projects."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import sys
import tokenize
from collections.abc import Callable, Iterable
from pathlib import Path

from cookiecutter.main import cookiecutter

from .access import CONTRACT_ENVIRONMENT
from .templates import Answers, template_dir

COMMAND_TIMEOUT = 600

# Session fixtures (conftest.py): answers id -> rendered project; (template, answers) -> installed.
Renders = Callable[[str], dict[str, Path]]
InstallProject = Callable[[str, Answers], Path]
# conftest.py's default_project: template -> its installed project of the default answers.
DefaultProject = Callable[[str], Path]


def render(template: str, answers: Answers, output_dir: Path) -> Path:
    """Generate a project the way the cookiecutter CLI does, with no questions asked."""
    output_dir.mkdir(parents=True, exist_ok=True)
    return Path(
        cookiecutter(
            str(template_dir(template)),
            no_input=True,
            extra_context=answers,
            output_dir=str(output_dir),
        )
    )


def session_installs(project: Path) -> list[Path]:
    """The session's installs of the project's template, by conftest.py's installed_project
    folders: <basetemp>/installed-<template><n>/<slug>/."""
    family = project.parent.name.rstrip("0123456789")
    return [path.parent for path in sorted(project.parents[1].glob(f"{family}*/*/.venv"))]


# Install -> its compiled folders (__pycache__ under site-packages, relative to the install),
# kept once it has some; and the (install, donor) pairs already warmed.
COMPILED: dict[Path, list[Path]] = {}
WARMED: set[tuple[Path, Path]] = set()


def compiled_folders(install: Path) -> list[Path]:
    """The install's __pycache__ folders under site-packages, relative to the install. A walk
    costs about 0.2 s, so an install is walked until it has some, then remembered."""
    if install not in COMPILED:
        found = [
            Path(folder).relative_to(install)
            for folder, _, _ in os.walk(install / ".venv" / "lib")
            if folder.endswith("/__pycache__")
        ]
        if not found:
            return []
        COMPILED[install] = found
    return COMPILED[install]


def warm_caches(project: Path, donors: Iterable[Path] | None = None) -> None:
    """Give an install what the session's other installs of its template (or `donors`) have
    compiled, so that its runs do not start cold (about 5 s of CPU for the tests' imports,
    5-20 s for mypy).

    The installed packages' bytecode: the same files, linked from uv's cache, so Python's check
    of each source's size and modification time accepts it (and recompiles where it does not).
    mypy's cache: mypy checks each entry against the sources' hashes and rechecks what differs.
    """
    for donor in session_installs(project) if donors is None else donors:
        if donor == project or (project, donor) in WARMED:
            continue
        if folders := compiled_folders(donor):
            WARMED.add((project, donor))
        for folder in folders:
            target = project / folder
            if target.parent.is_dir() and not target.exists():
                shutil.copytree(donor / folder, target)
        if (donor / ".mypy_cache").is_dir() and not (project / ".mypy_cache").exists():
            shutil.copytree(donor / ".mypy_cache", project / ".mypy_cache")


def clean_environment(**overrides: str) -> dict[str, str]:
    """This process's environment without the tox venv, so `uv` uses the project's own."""
    env = {key: value for key, value in os.environ.items() if key != "VIRTUAL_ENV"}
    env.setdefault("UV_PYTHON_DOWNLOADS", "never")
    env.update(overrides)
    return env


def run(
    command: list[str],
    cwd: Path,
    env: dict[str, str] | None = None,
    timeout: float = COMMAND_TIMEOUT,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Run a command, failing the test with its output when it fails (unless not `check`:
    its exit status is then the answer)."""
    result = subprocess.run(
        command,
        cwd=cwd,
        env=env or clean_environment(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"{' '.join(command)} exited {result.returncode} in {cwd}\n"
            f"--- stdout ---\n{result.stdout[-6000:]}\n--- stderr ---\n{result.stderr[-6000:]}"
        )
    return result


def uv(
    *args: str, cwd: Path, env: dict[str, str] | None = None, check: bool = True
) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "uv", *args], cwd=cwd, env=env, check=check)


def read_procfile(project: Path) -> dict[str, str]:
    processes = {}
    for line in (project / "Procfile").read_text("utf-8").splitlines():
        name, _, command = line.partition(":")
        if command.strip():
            processes[name.strip()] = command.strip()
    return processes


def python_sources_digest(project: Path) -> str:
    """A digest of a project's Python files: equal digests, byte for byte the same code."""
    digest = hashlib.sha256()
    for path in sorted(project.rglob("*.py")):
        if ".venv" in path.relative_to(project).parts:
            continue
        digest.update(path.relative_to(project).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


# Tokens that carry no type information: comments, layout, and the text inside literals.
UNTYPED_TOKENS = {tokenize.COMMENT, tokenize.NL, tokenize.STRING}
if sys.version_info >= (3, 12):
    UNTYPED_TOKENS.add(tokenize.FSTRING_MIDDLE)


def typing_digest(project: Path) -> str:
    """A digest of what mypy's verdict on a project's Python code depends on.

    The free-text answers land only in string literals and comments, and the slug only in the
    package's name (reserved import names are refused): projects that differ in nothing else
    type-check alike, so one mypy run stands for all of them.
    """
    slug = project.name
    sources = {
        path.relative_to(project).as_posix().replace(slug, "<slug>"): path
        for path in project.rglob("*.py")
        if ".venv" not in path.relative_to(project).parts
    }
    digest = hashlib.sha256()
    for relative, path in sorted(sources.items()):
        digest.update(relative.encode())
        source = io.StringIO(path.read_text("utf-8"))
        for token in tokenize.generate_tokens(source.readline):
            if token.type in UNTYPED_TOKENS:
                text = ""
            else:
                text = "<slug>" if token.string == slug else token.string
            digest.update(f"{token.type}:{text}\n".encode())
    return digest.hexdigest()


def project_pytest(
    project: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The project's own tests in its own environment, quiet and without pytest's cache."""
    return uv(
        "run", "--no-sync", "pytest", "-q", "-p", "no:cacheprovider", *args, cwd=project, env=env
    )


def run_contract_tests(
    project: Path, base_url: str, api_token: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the project's own contract tests against a running server, failing if none pass.

    The server accepts the suite's token (support/access.py), or `api_token`.
    """
    warm_caches(project)
    contract_environment = dict(CONTRACT_ENVIRONMENT)
    if api_token is not None:
        contract_environment["CONTRACT_API_TOKEN"] = api_token
    result = project_pytest(
        project,
        "tests/contract",
        env=clean_environment(CONTRACT_BASE_URL=base_url, **contract_environment),
    )
    assert " passed" in result.stdout, result.stdout[-4000:]
    return result
