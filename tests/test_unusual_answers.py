"""Unusual but valid answers render projects that parse, lint clean and pass their own tests.

Apostrophes, quotes, backslashes and non-ASCII text (emoji included) are escaped where they
land in TOML, YAML and Python literals, never rejected; a slug as long as allowed keeps every
statement that holds it on one line, within the line length, formatted as ruff formats it.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from service_hooks.answers import SLUG_MAX_LENGTH
from support.markdown import long_prose_lines
from support.postgres import create_database
from support.projects import InstallProject, clean_environment, render, uv
from support.templates import Answers

LONGEST_SLUG = "inventory_north_regions"
assert len(LONGEST_SLUG) == SLUG_MAX_LENGTH

UNUSUAL_ANSWERS: dict[str, Answers] = {
    # The slug is derived from the name, as it is when people press Enter.
    "international": {
        "project_name": "Café d'Étienne — Ünïcode Service 😀",
        "description": "Serves crêpes & 'galettes' to \"everyone\", C:\\menus\\été included ✓",
        "author_name": "Seán O'Brien-Łukasiewicz",
        "email": "sean.obrien+service@example.co.uk",
        "version": "2026.11.21rc1",
        "license": "BSD-3-Clause",
        "ci": "gitlab",
    },
    "longest": {
        "project_name": "The Longest Name Allowed: Forty Columns!",
        "project_slug": LONGEST_SLUG,
        # As long as allowed, with quotes and a word too long for one line of Python.
        "description": (
            "A description as long as allowed: it's \"quoted\" and 'quoted', "
            + "x" * 90
            + " and then goes on about what the service does for whom, why and where, "
            "so that it wraps onto several lines wherever it lands in Python, C:\\temp."
        ).ljust(300, "!"),
        "author_name": "The O'Reilly & Ümlaut Maintainers",
        "email": "maintainers@sub.example.org",
        "version": "1!0.1.0.post2.dev3",
        "database": "postgresql",
    },
}


# Statements that hold the slug have one layout whatever its length: the shortest and the
# longest valid slugs must both come out as ruff format writes them.
SLUG_LENGTHS = [1, SLUG_MAX_LENGTH]


def slug_of_length(length: int) -> str:
    return LONGEST_SLUG[:length].rstrip("_").ljust(length, "x")


def ruff(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, "--no-cache", "."],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("name", UNUSUAL_ANSWERS)
def test_unusual_answers_render_files_that_parse(template: str, name: str, tmp_path: Path) -> None:
    answers = UNUSUAL_ANSWERS[name]
    project = render(template, answers, tmp_path)

    metadata = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))["project"]
    assert metadata["description"] == answers["description"]
    assert metadata["authors"] == [{"name": answers["author_name"], "email": answers["email"]}]
    assert metadata["version"] == answers["version"]
    for path in [*project.rglob("*.yml"), *project.rglob("*.yaml")]:
        assert list(yaml.safe_load_all(path.read_text("utf-8"))) is not None
    for path in project.rglob("*.py"):
        ast.parse(path.read_text("utf-8"), filename=str(path))
    readme = (project / "README.md").read_text("utf-8")
    assert answers["project_name"] in readme
    # Wrapped like the rest of the README's prose.
    assert " ".join(answers["description"].split()) in " ".join(readme.split())
    assert answers["author_name"] in (project / "LICENSE").read_text("utf-8")


def test_long_slugs_are_formatted_and_within_line_length(template: str, tmp_path: Path) -> None:
    for length in SLUG_LENGTHS:
        for database in ("sqlite", "postgresql"):
            answers = {"project_slug": slug_of_length(length), "database": database}
            render(template, answers, tmp_path / f"{database}-{length}")
    # Each project is checked with its own ruff settings from its pyproject.toml.
    check = ruff("check", "--output-format", "concise", cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    formatting = ruff("format", "--check", cwd=tmp_path)
    assert formatting.returncode == 0, formatting.stdout + formatting.stderr
    # The slug lands in README prose too, which stays wrapped at the longest slug.
    for readme in tmp_path.glob("*/*/README.md"):
        assert long_prose_lines(readme.read_text("utf-8")) == [], readme


@pytest.mark.slow
@pytest.mark.parametrize("name", UNUSUAL_ANSWERS)
def test_unusual_project_passes_its_own_checks(
    template: str,
    name: str,
    installed_project: InstallProject,
    request: pytest.FixtureRequest,
) -> None:
    answers = UNUSUAL_ANSWERS[name]
    project = installed_project(template, answers)
    env = clean_environment()
    if answers.get("database") == "postgresql":
        server = request.getfixturevalue("postgres_server")
        env["TEST_DATABASE_URL"] = create_database(server, f"unusual_{name}_{template}")
    uv("run", "--no-sync", "pytest", "-q", "-p", "no:cacheprovider", cwd=project, env=env)
    uv("run", "--no-sync", "ruff", "check", "--no-cache", cwd=project)
    uv("run", "--no-sync", "ruff", "format", "--check", "--no-cache", cwd=project)
    uv("run", "--no-sync", "mypy", cwd=project)
