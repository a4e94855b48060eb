"""Unusual but valid answers render projects that parse and lint clean.

Apostrophes, quotes, backslashes and non-ASCII text (emoji included) are escaped where they
land in TOML, YAML and Python literals, never rejected; a slug as long as allowed keeps every
statement that holds it on one line, within the line length, formatted as ruff formats it.
Two installed covering sets carry these answers (support.templates.installed_answer_sets), so
test_projects.py also runs their projects' own tests, ruff and mypy.
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
from support.projects import render
from support.templates import ROOT, UNUSUAL_ANSWERS, Answers, installed_answer_sets

LONGEST_SLUG = UNUSUAL_ANSWERS["longest"]["project_slug"]
assert len(LONGEST_SLUG) == SLUG_MAX_LENGTH


def unusual_answer_sets(template: str) -> dict[str, Answers]:
    """The installed covering sets that carry unusual free text (test_projects.py installs
    them and runs their tests, ruff and mypy), by the name of their free text."""
    return {
        name: answers
        for answers in installed_answer_sets(template)
        for name, text in UNUSUAL_ANSWERS.items()
        if text.items() <= answers.items()
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
    answers = unusual_answer_sets(template)[name]
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
    # Licenses with a copyright line name the author; GPL and Apache texts are verbatim.
    license_source = ROOT / "hooks" / "licenses" / f"{answers['license']}.txt"
    if "author_name" in license_source.read_text("utf-8"):
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
