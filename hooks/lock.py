"""Refresh the uv.lock every generated project ships (hooks/locks/<template>-<answers>.lock).

    python hooks/lock.py                    every template (or: tox -e lock)
    python hooks/lock.py flask django       these templates only
    python hooks/lock.py --upgrade          also move every package to its newest allowed version

Run it after changing a project's dependencies: a template.toml's dependency lists,
hooks/project/pyproject.toml or a pyproject-sections.toml. It renders each template's default
answers once per dependency set (each answer to the questions that change the dependencies:
database, observability), runs `uv lock` in the project (which keeps every pin the changed
requirements still allow, and needs the package index) and stores the result. Needs
cookiecutter and uv, as the suite does; the suite fails, naming the lock, while one is stale.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from cookiecutter.main import cookiecutter

from service_hooks import HOOKS, ROOT
from service_hooks.locks import LOCKS, dependency_sets, lock_source

# The index the projects' locks name: a mirror configured on this machine must not reach them.
PYPI = "https://pypi.org/simple"


def template_names() -> list[str]:
    return sorted(path.parent.name for path in (ROOT / "templates").glob("*/template.toml"))


def question_choices() -> dict[str, list[str]]:
    questions = tomllib.loads((HOOKS / "questions.toml").read_text("utf-8"))
    return {
        key: question["choices"] for key, question in questions.items() if "choices" in question
    }


def uv_command() -> list[str]:
    """uv from this Python's packages (as the suite runs it), else from PATH."""
    if importlib.util.find_spec("uv") is not None:
        return [sys.executable, "-m", "uv"]
    return ["uv"]


def locked_project(
    template: str, dependency_set: dict[str, str], output: Path, upgrade: bool
) -> Path:
    """Render the default answers but `dependency_set`'s, and lock the project with uv."""
    project = Path(
        cookiecutter(
            str(ROOT / "templates" / template),
            no_input=True,
            extra_context=dependency_set,
            output_dir=str(output),
        )
    )
    # The project's own environment, not the one running this script.
    env = {key: value for key, value in os.environ.items() if key != "VIRTUAL_ENV"}
    command = [*uv_command(), "lock", "--quiet", *(["--upgrade"] if upgrade else [])]
    subprocess.run(command, cwd=project, env=env, check=True)
    return project


def refresh(template: str, dependency_set: dict[str, str], upgrade: bool) -> str:
    """Relock one dependency set and store its lock; say whether it changed."""
    target = lock_source(template, dependency_set)
    with tempfile.TemporaryDirectory(prefix="lock-") as output:
        project = locked_project(template, dependency_set, Path(output), upgrade)
        lock = (project / "uv.lock").read_bytes()
    registries = set(re.findall(rb'registry = "([^"]*)"', lock)) - {PYPI.encode()}
    if registries:
        other = b", ".join(sorted(registries)).decode()
        sys.exit(f"{target.name}: locked from {other}, not {PYPI}; unset uv's index")
    if target.is_file() and target.read_bytes() == lock:
        return "unchanged"
    target.write_bytes(lock)
    return "updated"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("templates", nargs="*", metavar="TEMPLATE", help="default: every one")
    parser.add_argument("--upgrade", action="store_true", help="pass --upgrade to uv lock")
    arguments = parser.parse_args(argv)
    unknown = sorted(set(arguments.templates) - set(template_names()))
    if unknown:
        parser.error(f"not a template: {' '.join(unknown)} (see templates/)")
    LOCKS.mkdir(exist_ok=True)
    for template in arguments.templates or template_names():
        for dependency_set in dependency_sets(question_choices()):
            state = refresh(template, dependency_set, arguments.upgrade)
            target = lock_source(template, dependency_set)
            print(f"{state}: {target.relative_to(ROOT)} ({target.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
