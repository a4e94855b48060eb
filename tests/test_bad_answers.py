"""The bad-answer corpus: each bad answer stops generation through the real cookiecutter CLI.

Each case must exit non-zero, print exactly one line, `key: rule`, leave nothing behind (no
project directory, nothing beside the output folder) and show no Python traceback. The
template's Jinja extension (hooks/service_hooks/extension.py) validates once every
question is answered, before cookiecutter creates any directory; a replay, which asks no
question, is checked while cookiecutter renders the pre_gen hook. The answers come on the
command line, and a few from a config file's `default_context` and a replay file.

Choice questions are text questions to cookiecutter (hooks/service_hooks/cookiecutter_json.py),
so that an answer outside the choices (`database=mysql`) reaches the extension too instead of
failing in cookiecutter's own `generate_context` with a ValueError traceback.

Outside the corpus, because cookiecutter itself fails before any template code runs: answers
given on the command line are Jinja templates to cookiecutter, so one that is not valid Jinja
(e.g. `project_name={{ x`) raises a TemplateSyntaxError traceback while cookiecutter renders
it, and one naming an undefined variable stops with cookiecutter's own "Unable to render
variable" message.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cookiecutter.generate import generate_context
from cookiecutter.prompt import prompt_for_config

from support.templates import local_extensions_importable, template_config, template_dir

CORPUS_TEMPLATE = "flask"
# A valid slug given with every other key, so that only the answer under test is wrong.
VALID_SLUG = "corpus_service"

# (key, bad value, words of the rule the message must contain); "{framework}" stands for the
# template's own framework import name. Values are command-line arguments: no NUL bytes.
BAD_ANSWERS = [
    # Blank, over-long, padded and multi-line names; quotes and backslashes would end or escape
    # the Python docstrings the name is written into. Lengths are columns in a Python string.
    ("project_name", "", "must not be blank"),
    ("project_name", "   ", "must not be blank"),
    ("project_name", "Two\nLines", "single line"),
    ("project_name", "Carriage\rReturn", "single line"),
    ("project_name", "Escape \x1b[31mred", "single line"),
    ("project_name", "Line\u2028Separator", "single line"),
    ("project_name", "x" * 41, "at most 40 columns"),
    ("project_name", "😀" * 21, "at most 40 columns"),
    ("project_name", " Padded", "whitespace"),
    ("project_name", 'The "Best" Service', "double quotes or backslashes"),
    ("project_name", 'Ends a docstring """', "double quotes or backslashes"),
    ("project_name", "C:\\new\\service", "double quotes or backslashes"),
    # Slugs: path tricks, non-identifiers, keywords, standard library and dependency names.
    ("project_slug", "../x", "lowercase ASCII Python identifier"),
    ("project_slug", "a/b", "lowercase ASCII Python identifier"),
    ("project_slug", "a\\b", "lowercase ASCII Python identifier"),
    ("project_slug", ".", "lowercase ASCII Python identifier"),
    ("project_slug", "", "lowercase ASCII Python identifier"),
    ("project_slug", "My-Service", "lowercase ASCII Python identifier"),
    ("project_slug", "MyService", "lowercase ASCII Python identifier"),
    ("project_slug", "1service", "lowercase ASCII Python identifier"),
    ("project_slug", "_service", "lowercase ASCII Python identifier"),
    ("project_slug", "service_", "lowercase ASCII Python identifier"),
    ("project_slug", "café", "lowercase ASCII Python identifier"),
    ("project_slug", "my service", "lowercase ASCII Python identifier"),
    ("project_slug", "service\n", "lowercase ASCII Python identifier"),
    ("project_slug", "s" * 24, "at most 23 characters"),
    ("project_slug", "class", "keyword"),
    ("project_slug", "match", "keyword"),
    ("project_slug", "case", "keyword"),
    ("project_slug", "json", "standard library"),
    ("project_slug", "email", "standard library"),
    ("project_slug", "logging", "standard library"),
    ("project_slug", "typing", "standard library"),
    ("project_slug", "tests", "shadow an import name"),
    ("project_slug", "sqlalchemy", "shadow an import name"),
    ("project_slug", "pytest", "shadow an import name"),
    ("project_slug", "{framework}", "shadow an import name"),
    # Descriptions and author names: one line, bounded, no surrounding whitespace.
    ("description", "first\nsecond", "single line"),
    ("description", "tab\there", "single line"),
    ("description", "para\u2029graph", "single line"),
    ("description", "d" * 301, "at most 300 characters"),
    ("description", "\\" * 301, "at most 300 characters"),
    ("description", "trailing space ", "whitespace"),
    ("author_name", "", "must not be blank"),
    ("author_name", "Tab\there", "single line"),
    ("author_name", "Two\nLines", "single line"),
    ("author_name", "a" * 101, "at most 100"),
    # Emails and versions.
    ("email", "", "email address"),
    ("email", "not-an-email", "email address"),
    ("email", "a@b", "email address"),
    ("email", "two@@example.com", "email address"),
    ("email", "space @example.com", "email address"),
    ("email", '"quoted"@example.com', "email address"),
    ("email", "line@example.com\nBcc: x@example.com", "email address"),
    ("version", "", "PEP 440"),
    ("version", "one", "PEP 440"),
    ("version", "1.0-beta-final", "PEP 440"),
    ("version", "1.0+local", "PEP 440"),
    ("version", '1.0"', "PEP 440"),
    ("version", "1.0\n", "PEP 440"),
    # Choice questions: an answer outside the choices, however close.
    ("database", "mysql", "must be one of sqlite, postgresql"),
    ("database", "SQLite", "must be one of sqlite, postgresql"),
    ("database", "", "must be one of sqlite, postgresql"),
    ("ci", "jenkins", "must be one of github, gitlab, none"),
    ("python_version", "3.10", "must be one of 3.13, 3.11, 3.12, 3.14"),
    ("python_version", "3.13 ", "must be one of 3.13, 3.11, 3.12, 3.14"),
    (
        "license",
        "WTFPL",
        "must be one of MIT, BSD-3-Clause, Apache-2.0, GPL-3.0-only, Proprietary",
    ),
]


def cookiecutter_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cookiecutter", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def generate(
    template: str, key: str, value: str, output: Path
) -> subprocess.CompletedProcess[str]:
    answers = [f"{key}={value}"]
    if key != "project_slug":
        answers.append(f"project_slug={VALID_SLUG}")
    return cookiecutter_cli(
        "--no-input", "--output-dir", str(output), str(template_dir(template)), *answers
    )


def assert_refused(result: subprocess.CompletedProcess[str], key: str, rule: str) -> None:
    """Stopped with one line naming the key and the rule, and no traceback."""
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{key}: ") and rule in line


def assert_stopped_cleanly(template: str, key: str, value: str, rule: str, tmp_path: Path) -> None:
    output = tmp_path / "out"
    output.mkdir()
    assert_refused(generate(template, key, value, output), key, rule)
    assert list(output.iterdir()) == []
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize(("key", "value", "rule"), BAD_ANSWERS, ids=lambda v: repr(v)[:30])
def test_bad_answer_stops_generation(key: str, value: str, rule: str, tmp_path: Path) -> None:
    """Every template validates with the same code (hooks/service_hooks/answers.py) and the
    same questions, so the corpus runs against one of them."""
    value = value.replace("{framework}", template_config(CORPUS_TEMPLATE)["_framework"])
    assert_stopped_cleanly(CORPUS_TEMPLATE, key, value, rule, tmp_path)


def test_a_template_refuses_its_own_import_names(template: str, tmp_path: Path) -> None:
    """What differs per template: the import names its declaration reserves."""
    rule = "shadow an import name"
    for name in {template, template_config(template)["_reserved_names"][-1]}:
        (tmp_path / name).mkdir()
        assert_stopped_cleanly(template, "project_slug", name, rule, tmp_path / name)


def test_the_corpus_is_large_enough() -> None:
    assert len(BAD_ANSWERS) >= 40


def test_bad_choices_in_a_config_file_stop_generation(tmp_path: Path) -> None:
    """cookiecutter would only warn about a bad choice in `default_context`, then drop it and
    every answer after it; as text it reaches the rules like any answer."""
    config = tmp_path / "answers.yaml"
    config.write_text("default_context:\n  database: mysql\n  ci: gitlab\n", "utf-8")
    output = tmp_path / "out"
    output.mkdir()
    result = cookiecutter_cli(
        "--no-input",
        "--config-file",
        str(config),
        "--output-dir",
        str(output),
        str(template_dir(CORPUS_TEMPLATE)),
    )
    assert_refused(result, "database", "must be one of sqlite, postgresql")
    assert list(output.iterdir()) == []


def replay_stops_cleanly(template: str, key: str, value: str, rule: str, tmp_path: Path) -> None:
    """A replay file holding one bad answer stops cookiecutter --replay-file as a questioned run
    stops, the project folder cookiecutter has made by then (and its new parents) removed."""
    with local_extensions_importable(template):
        context = generate_context(context_file=template_dir(template) / "cookiecutter.json")
        answers = prompt_for_config(context, no_input=True)
    replay = tmp_path / "replay.json"
    replay.write_text(json.dumps({"cookiecutter": {**answers, key: value}}))
    output = tmp_path / "out"
    output.mkdir()
    result = cookiecutter_cli(
        "--replay-file", str(replay), "--output-dir", str(output), str(template_dir(template))
    )
    assert_refused(result, key, rule)
    assert list(output.iterdir()) == []
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out", "replay.json"]


def test_replayed_bad_answers_stop_generation(template: str, tmp_path: Path) -> None:
    replay_stops_cleanly(template, "project_slug", "class", "keyword", tmp_path)


@pytest.mark.parametrize(
    ("key", "value", "rule"),
    [
        ("project_slug", "a/b", "lowercase ASCII Python identifier"),
        ("database", "mysql", "must be one of sqlite, postgresql"),
        ("python_version", "3.10", "must be one of 3.13, 3.11, 3.12, 3.14"),
        ("email", "nobody", "email address"),
    ],
)
def test_replayed_bad_answer_stops_generation(
    key: str, value: str, rule: str, tmp_path: Path
) -> None:
    replay_stops_cleanly(CORPUS_TEMPLATE, key, value, rule, tmp_path)
