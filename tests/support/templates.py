"""The templates in the repository and the answer sets the suite renders them with."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from allpairspy import AllPairs

from service_hooks.declaration import Declaration
from service_hooks.declaration import load as load_declaration

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES_DIR = ROOT / "templates"

Answers = dict[str, str]


def template_names() -> list[str]:
    return sorted(path.parent.name for path in TEMPLATES_DIR.glob("*/cookiecutter.json"))


def template_dir(name: str) -> Path:
    return TEMPLATES_DIR / name


@contextmanager
def local_extensions_importable(name: str) -> Iterator[None]:
    """Put a template's folder on sys.path, as cookiecutter does while it renders.

    Its local Jinja extension (`_extensions` in cookiecutter.json) is a module in that folder,
    and pytest-cookies' `bake` renders the answers once itself, outside cookiecutter's own patch.
    """
    folder = str(template_dir(name))
    sys.path.append(folder)
    try:
        yield
    finally:
        sys.path.remove(folder)


@cache
def template_config(name: str) -> dict[str, Any]:
    """The template's cookiecutter.json: the questions, and the declaration as cookiecutter
    sees it."""
    config: dict[str, Any] = json.loads(
        (template_dir(name) / "cookiecutter.json").read_text("utf-8")
    )
    return config


@cache
def declaration(name: str) -> Declaration:
    """The template's templates/<fw>/template.toml, test-only facts (`suite`) included."""
    return load_declaration(template_dir(name))


def choice_questions(name: str) -> dict[str, list[str]]:
    """The multiple-choice questions of a template, each with its answers, default first."""
    choices: dict[str, list[str]] = template_config(name)["_choices"]
    return choices


def rendered_answer_sets(name: str) -> list[Answers]:
    """The answer sets the fast tier renders: every pair of answers to two questions at least
    once (all-pairs), and the covering sets, which the slow tier installs.

    The files combine at most two answers in one place (the CI file's Python, compose's
    database), so pairs reach what the full product (120 renders a template) reached, in about
    20 renders.
    """
    questions = choice_questions(name)
    pairwise = [
        dict(zip(questions, values, strict=True)) for values in AllPairs(list(questions.values()))
    ]
    sets = covering_answer_sets(name) + pairwise
    return list({answers_id(answers): answers for answers in sets}.values())


# Free-text answers at the edges of the rules (hooks/service_hooks/answers.py): apostrophes,
# quotes, backslashes and non-ASCII text, which must be escaped where they land in TOML, YAML and
# Python, never rejected, and a slug as long as allowed. Two covering sets carry them, so their
# installs also prove these answers (installed_answer_sets).
UNUSUAL_ANSWERS: dict[str, Answers] = {
    # The slug is derived from the name, as it is when people press Enter.
    "international": {
        "project_name": "Café d'Étienne — Ünïcode Service 😀",
        "description": "Serves crêpes & 'galettes' to \"everyone\", C:\\menus\\été included ✓",
        "author_name": "Seán O'Brien-Łukasiewicz",
        "email": "sean.obrien+service@example.co.uk",
        "version": "2026.11.21rc1",
    },
    "longest": {
        "project_name": "The Longest Name Allowed: Forty Columns!",
        "project_slug": "inventory_north_regions",
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
    },
}
# Which database each unusual set is installed with: the longest slug meets PostgreSQL's
# driver imports, the non-ASCII text SQLite's.
UNUSUAL_DATABASES = {"international": "sqlite", "longest": "postgresql"}
FREE_TEXT_KEYS = frozenset(key for answers in UNUSUAL_ANSWERS.values() for key in answers)


def covering_answer_sets(name: str) -> list[Answers]:
    """The fewest answer sets that give every question every one of its answers at least once,
    the defaults first. Questions with as many answers count together in mixed radix, so that
    two of them (database and observability) also meet in every combination."""
    questions = choice_questions(name)
    rows = max(len(answers) for answers in questions.values())
    place: dict[str, int] = {}
    seen: dict[int, int] = {}
    for key, answers in questions.items():
        place[key] = seen.get(len(answers), 0)
        seen[len(answers)] = place[key] + 1
    return [
        {
            key: answers[row // len(answers) ** place[key] % len(answers)]
            for key, answers in questions.items()
        }
        for row in range(rows)
    ]


def installed_answer_sets(name: str) -> list[Answers]:
    """The covering sets as the slow tier installs them: the first (the default answers, which
    the live tiers serve) as it is, and the first other set of each database carrying one
    unusual set of free-text answers, so no install is spent on free text alone."""
    sets = covering_answer_sets(name)
    for unusual, database in UNUSUAL_DATABASES.items():
        row = min(
            index
            for index, answers in enumerate(sets)
            if answers["database"] == database and index
        )
        sets[row] = sets[row] | UNUSUAL_ANSWERS[unusual]
    return sets


def served_answers(template: str, database: str) -> Answers:
    """The answers whose installed project the live tiers serve with a database: the first
    installed covering set with that database and no free text (the default answers for the
    default database; OpenTelemetry for PostgreSQL), so the live tiers share the installs the
    project tier made."""
    return next(
        answers
        for answers in installed_answer_sets(template)
        if answers["database"] == database and not FREE_TEXT_KEYS & answers.keys()
    )


def answers_id(answers: Answers) -> str:
    """The choice answers, joined, and the name of the unusual free text a set carries."""
    choices = [value for key, value in answers.items() if key not in FREE_TEXT_KEYS]
    unusual = [name for name, text in UNUSUAL_ANSWERS.items() if text.items() <= answers.items()]
    return "-".join(choices + unusual)


def default_answers(template: str) -> Answers:
    """The first choice of every choice question: what `--no-input` gives."""
    return {key: choices[0] for key, choices in choice_questions(template).items()}
