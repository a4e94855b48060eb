"""The bad-answer corpus: each bad answer stops generation through the real cookiecutter CLI.

Each case must exit non-zero, print one line naming the answer's key and its rule, and leave
nothing behind in the output folder. (cookiecutter itself logs a traceback of its own
FailedHookException after the hook's lines; a hook cannot prevent that.)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from support.templates import template_config, template_dir

# (key, bad value, words of the rule the message must contain); "{framework}" stands for the
# template's own framework import name.
BAD_ANSWERS = [
    ("project_name", "", "must not be blank"),
    ("project_name", "   ", "must not be blank"),
    ("project_name", "Two\nLines", "single line"),
    ("project_name", "x" * 101, "at most 100"),
    ("project_name", " Padded", "whitespace"),
    ("project_slug", "My-Service", "lowercase ASCII Python identifier"),
    ("project_slug", "1service", "lowercase ASCII Python identifier"),
    ("project_slug", "café", "lowercase ASCII Python identifier"),
    ("project_slug", "my service", "lowercase ASCII Python identifier"),
    ("project_slug", "s" * 65, "at most 64"),
    ("project_slug", "class", "keyword"),
    ("project_slug", "match", "keyword"),
    ("project_slug", "json", "standard library"),
    ("project_slug", "email", "standard library"),
    ("project_slug", "tests", "shadow an import name"),
    ("project_slug", "sqlalchemy", "shadow an import name"),
    ("project_slug", "{framework}", "shadow an import name"),
    ("description", "first\nsecond", "single line"),
    ("description", "d" * 301, "at most 300"),
    ("author_name", "", "must not be blank"),
    ("author_name", "Tab\there", "single line"),
    ("email", "not-an-email", "email address"),
    ("email", "a@b", "email address"),
    ("email", "two@@example.com", "email address"),
    ("email", "space @example.com", "email address"),
    ("version", "one", "PEP 440"),
    ("version", "1.0-beta-final", "PEP 440"),
    ("version", "", "PEP 440"),
]


@pytest.mark.parametrize(("key", "value", "rule"), BAD_ANSWERS, ids=lambda v: repr(v)[:30])
def test_bad_answer_stops_generation(
    template: str, key: str, value: str, rule: str, tmp_path: Path
) -> None:
    value = value.replace("{framework}", template_config(template)["_framework"])
    output = tmp_path / "out"
    output.mkdir()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "cookiecutter",
            "--no-input",
            "--output-dir",
            str(output),
            str(template_dir(template)),
            f"{key}={value}",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    named = [line for line in result.stderr.splitlines() if line.startswith(f"{key}: ")]
    assert len(named) == 1, result.stderr
    assert rule in named[0]
    assert list(output.iterdir()) == []
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out"]


def test_the_corpus_is_large_enough() -> None:
    assert len(BAD_ANSWERS) >= 20
