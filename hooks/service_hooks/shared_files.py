"""The post-generation hook: add the files every project shares to the generated project.

Runs with the generated project as the working directory. It writes:

- every file under hooks/project/, at the same path in the project. Paths and contents are
  Jinja templates rendered with the same `cookiecutter` context as the template's own files; a
  path with an empty part after rendering is skipped (cookiecutter's own convention), which is
  how the CI files follow the `ci` answer;
- the shared modules the template names in its `_shared_modules` (project path -> a file in
  hooks/modules/);
- `.env` with fresh random values for the template's generated secrets, unless the project
  already has one (see write_generated_secrets);
- `uv.lock`, from the stored lock of the project's dependency set (locks.py).

It then removes the template's files that an unchosen answer does not need (`_only_for`).
Standard library plus Jinja2, which cookiecutter depends on.
"""

from __future__ import annotations

import os
import re
import secrets
import shlex
import shutil
import sys
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2

from . import HOOKS, ROOT, locks

PROJECT_FILES = HOOKS / "project"
MODULES = HOOKS / "modules"
# The distribution name a requirement starts with (PEP 508).
REQUIREMENT_NAME = re.compile(r"[A-Za-z0-9._-]*")


def jinja_environment() -> jinja2.Environment:
    # Includes name files from the repository's root: hooks/licenses/, contract/, templates/.
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(ROOT),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    # As in the template files (extension.py): `tojson` keeps non-ASCII text as itself, since
    # TOML and YAML reject the surrogate-pair escapes of emoji.
    environment.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    environment.filters["by_name"] = sorted_by_name
    environment.filters["generated_secret_names"] = generated_secret_names
    return environment


def sorted_by_name(requirements: Iterable[str]) -> list[str]:
    """Requirements sorted by distribution name, case-insensitively, as `uv add` keeps them:
    `flask` before `flask-migrate`, whatever version specifiers or extras follow the names."""
    return sorted(requirements, key=requirement_name)


def requirement_name(requirement: str) -> str:
    match = REQUIREMENT_NAME.match(requirement)
    name = match.group() if match else requirement
    return re.sub(r"[-_.]+", "-", name).lower()


def render(text: str, context: Mapping[str, Any]) -> str:
    year = datetime.now(UTC).year
    return jinja_environment().from_string(text).render(cookiecutter=context, year=year)


def planned_files(context: Mapping[str, Any]) -> dict[str, Path]:
    """Map every shared project path this answer set gets onto its source file."""
    files = {}
    for source in sorted(PROJECT_FILES.rglob("*")):
        if source.is_file() and "__pycache__" not in source.parts:
            path = render(source.relative_to(PROJECT_FILES).as_posix(), context)
            if all(path.split("/")):
                files[path] = source
    for path, module in context["_shared_modules"].items():
        files[render(path, context)] = MODULES / module
    return files


def unneeded_paths(context: Mapping[str, Any]) -> list[str]:
    """Template files that an unchosen answer does not need.

    A template declares them as `only_for = {database = {postgresql = ["path", ...]}}`: each
    listed path is kept only when that question got that answer.
    """
    paths = []
    for question, by_answer in context["_only_for"].items():
        for answer, answer_paths in by_answer.items():
            if context[question] != answer:
                paths.extend(answer_paths)
    return paths


def write_shared_files(project: Path, context: Mapping[str, Any]) -> None:
    for path, source in planned_files(context).items():
        target = project / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(source.read_text("utf-8"), context), encoding="utf-8")


def remove_unneeded(project: Path, context: Mapping[str, Any]) -> None:
    for path in unneeded_paths(context):
        target = project / path
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()


def generated_secret_names(context: Mapping[str, Any]) -> list[str]:
    """The template's `_generated_secrets`, the token that writes to the API need, and the
    password of compose's PostgreSQL service."""
    names = [*context["_generated_secrets"], "API_TOKENS"]
    if context["database"] == "postgresql":
        names.append("POSTGRES_PASSWORD")
    return names


def write_generated_secrets(project: Path, context: Mapping[str, Any]) -> None:
    """Write a fresh random value for each generated secret to `.env`, unless it exists.

    `.env` is git-ignored, so the values stay on this machine. It is written once: whatever
    renders the template again into an existing project (cookiecutter --overwrite-if-exists, a
    copier update's task) leaves it as it is. A cruft update renders into empty folders, where
    every render would get new values: the generated pyproject.toml tells cruft to skip `.env`.
    token_urlsafe's alphabet needs no quoting in a URL, so compose can put the password in one.
    """
    names = generated_secret_names(context)
    env_file = project / ".env"
    if names and not env_file.exists():
        lines = [f"{name}={secrets.token_urlsafe(48)}" for name in names]
        header = "# Generated for this project only; never commit this file.\n"
        env_file.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")


def folder_to_cd(project: Path) -> str:
    """The project as the user's `cd` takes it: its name when the shell that ran cookiecutter
    is in its parent (the shell's PWD, which cookiecutter's own changes of folder leave as it
    was), else the whole path (`--output-dir ..` from a clone)."""
    shell_folder = os.environ.get("PWD", "")
    if shell_folder and Path(shell_folder).resolve() == project.parent:
        return project.name
    return shlex.quote(str(project))


def main(context: Mapping[str, Any], *, created: bool = True) -> None:
    """The hook's work in the project, the working directory; `created`: say what comes next."""
    project = Path.cwd()
    write_shared_files(project, context)
    remove_unneeded(project, context)
    write_generated_secrets(project, context)
    locks.write_lock(project, context)
    if created:
        folder = folder_to_cd(project)
        print(
            f"Created {folder}. Next: cd {folder} && uv sync && uv run pytest",
            file=sys.stderr,
        )
