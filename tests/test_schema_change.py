"""The first schema change keeps a generated project's CI green.

A user adds a column to the model and writes the migration as the generated README's "Change
the schema" section says: Alembic's autogenerate, Django's makemigrations, or Bottle's next SQL
file. The new migration must pass ruff check, ruff format --check and mypy as written, the
project's tests must pass, and it must apply on SQLite and on PostgreSQL.

The change is the template's own (`[suite.schema_change]` in templates/<fw>/template.toml);
the commands are the README's. The PostgreSQL variant runs on both databases, so one install
of it serves: a copy of the session's install, so that the change stays out of it.
"""

from __future__ import annotations

import re
import shlex
import shutil
import sqlite3
from pathlib import Path

import pytest
from jinja2 import Template

from support.postgres import column_names, create_database
from support.projects import (
    InstallProject,
    clean_environment,
    session_installs,
    uv,
    warm_caches,
)
from support.templates import Answers, covering_answer_sets, declaration

pytestmark = pytest.mark.slow

SECTION = "## Change the schema"
# What a copy leaves out of the project folder: the environment (the copy gets its own) and the
# SQLite databases (Flask's in instance/).
NOT_COPIED = re.compile(r"\.venv|instance|.*\.db(-shm|-wal)?")


def postgresql_answers(template: str) -> Answers:
    return next(a for a in covering_answer_sets(template) if a["database"] == "postgresql")


def copy_project(installed: Path, destination: Path) -> Path:
    """A copy of an installed project with an environment of its own, which uv links from its
    cache in about a second, warmed from the install it copies, then the session's other
    installs of the template, so that mypy rechecks only what differs: 1-2 s instead of 10-25 s.
    """
    project = destination / installed.name

    def not_copied(folder: str, names: list[str]) -> set[str]:
        at_top = Path(folder) == installed
        return {name for name in names if at_top and NOT_COPIED.fullmatch(name)}

    shutil.copytree(installed, project, ignore=not_copied)
    uv("sync", "--quiet", cwd=project)
    warm_caches(project, [installed, *session_installs(installed)])
    return project


def schema_section(project: Path) -> str:
    """The generated README's "Change the schema" section."""
    _, heading, after = (project / "README.md").read_text("utf-8").partition(f"\n{SECTION}\n")
    assert heading, f"the README has no {SECTION!r} section"
    return after.partition("\n## ")[0]


def readme_commands(section: str) -> list[list[str]]:
    """The section's `uv run` lines, as argument lists."""
    lines = [line.strip() for line in section.splitlines() if line.startswith("    uv run ")]
    assert lines, f"the README's {SECTION!r} section gives no `uv run` command"
    return [shlex.split(line, comments=True) for line in lines]


def uv_run(command: list[str], project: Path, **environment: str) -> None:
    """A README's `uv run ...` line, in the project's environment (already synced)."""
    assert command[:2] == ["uv", "run"], command
    uv("run", "--no-sync", *command[2:], cwd=project, env=clean_environment(**environment))


def for_project(text: str, project: Path) -> str:
    """A declaration's path or command, which are Jinja like the template's files."""
    return str(Template(text).render(cookiecutter={"project_slug": project.name}))


def apply_edits(project: Path, template: str, section: str) -> None:
    for edit in declaration(template).suite.schema_change.edits:
        relative = for_project(edit.path, project)
        path = project / relative
        if edit.after:
            text = path.read_text("utf-8")
            assert text.count(edit.after) == 1, f"{path}: no single line {edit.after!r}"
            path.write_text(text.replace(edit.after, edit.after + edit.text), "utf-8")
        else:
            # A migration written by hand (Bottle's SQL): the README shows this very file.
            assert relative in section and edit.text.strip() in section, relative
            assert path.parent.is_dir() and not path.exists(), path
            path.write_text(edit.text, "utf-8")


def database_has_change(project: Path, check: str, **environment: str) -> bool:
    """The template's check (an object database has no column to look for) on a database."""
    command = shlex.split(for_project(check, project))
    environment_of_check = clean_environment(**environment)
    done = uv("run", "--no-sync", *command, cwd=project, env=environment_of_check, check=False)
    return done.returncode == 0


def sqlite_columns(database: Path, table: str) -> set[str]:
    with sqlite3.connect(database) as connection:
        return {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}


def test_first_schema_change_keeps_ci_green(
    template: str,
    installed_project: InstallProject,
    postgres_server: str,
    tmp_path: Path,
) -> None:
    project = copy_project(installed_project(template, postgresql_answers(template)), tmp_path)
    facts = declaration(template)
    release = ["uv", "run", *shlex.split(for_project(facts.commands.release, project))]
    table = facts.suite.schema_change.table
    column = facts.suite.schema_change.column
    check = facts.suite.schema_change.check

    # The developer's database, at the newest migration, as the README's Run section leaves it.
    database = tmp_path / "development.db"
    development = f"sqlite:///{database}"
    uv_run(release, project, DATABASE_URL=development)
    if not check:
        assert column not in sqlite_columns(database, table)

    section = schema_section(project)
    apply_edits(project, template, section)
    if check:
        assert not database_has_change(project, check, DATABASE_URL=development)
    for command in readme_commands(section):
        uv_run(command, project, DATABASE_URL=development)
    if check:
        assert database_has_change(project, check, DATABASE_URL=development), (
            "the README's commands made no change"
        )
    else:
        assert column in sqlite_columns(database, table), "the README's commands added no column"

    # What the project's CI runs, on the migration as the generator wrote it.
    uv_run(["uv", "run", "ruff", "check", "--no-cache"], project)
    uv_run(["uv", "run", "ruff", "format", "--check", "--no-cache"], project)
    uv_run(["uv", "run", "mypy"], project)
    # The project's tests build their database with the migrations: on PostgreSQL, here, as
    # the CI of a PostgreSQL project does. The new migration is among those they applied.
    tests = create_database(postgres_server, f"schema_change_{template}")
    uv_run(
        ["uv", "run", "pytest", "-q", "-p", "no:cacheprovider"], project, TEST_DATABASE_URL=tests
    )
    if check:
        assert database_has_change(project, check, DATABASE_URL=tests)
    else:
        assert column in column_names(tests, table)
