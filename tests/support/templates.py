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


def covering_answer_sets(name: str) -> list[Answers]:
    """The fewest answer sets that give every question every one of its answers at least once."""
    questions = choice_questions(name)
    rows = max(len(answers) for answers in questions.values())
    return [
        {key: answers[row % len(answers)] for key, answers in questions.items()}
        for row in range(rows)
    ]


def answers_id(answers: Answers) -> str:
    return "-".join(answers.values())


def default_answers(template: str) -> Answers:
    """The first choice of every choice question: what `--no-input` gives."""
    return {key: choices[0] for key, choices in choice_questions(template).items()}
