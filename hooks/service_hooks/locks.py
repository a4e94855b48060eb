"""The uv.lock each project ships: a stored lock, renamed for the project.

A uv.lock depends on the answers in two ways. The dependency set (the template and its answers
to the DEPENDENCY_QUESTIONS) decides what is locked: hooks/locks/<template>-<database>-
<observability>.lock holds uv's lock for the default answers but those, refreshed by
`python hooks/lock.py`. The project's own entry (the
`[[package]]` whose source is "."), which uv writes with the normalized distribution name and
version, is the only part that differs between projects of one dependency set: the
post-generation hook rewrites it and puts it back where uv sorts it, so that the lock reads byte
for byte as `uv lock` writes it. Standard library only: runs at generation time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import product
from pathlib import Path
from typing import Any

from . import HOOKS

LOCKS = HOOKS / "locks"

# PEP 440's public versions, as answers.py accepts them, with every part captured for
# normalization (the PEP's "Normalization" section; uv writes versions so).
VERSION = re.compile(
    r"""
    v?
    (?:(?P<epoch>[0-9]+)!)?
    (?P<release>[0-9]+(?:\.[0-9]+)*)
    (?:[-_.]?(?P<pre>alpha|a|beta|b|preview|pre|rc|c)[-_.]?(?P<pre_number>[0-9]+)?)?
    (?:-(?P<implicit_post>[0-9]+)|[-_.]?(?P<post>post|rev|r)[-_.]?(?P<post_number>[0-9]+)?)?
    (?:[-_.]?(?P<dev>dev)[-_.]?(?P<dev_number>[0-9]+)?)?
    """,
    re.VERBOSE | re.IGNORECASE,
)
PRE_RELEASE_LABELS = {"alpha": "a", "beta": "b", "c": "rc", "pre": "rc", "preview": "rc"}
# The start of each package's entry; the entries follow a header (lock version, requires-python).
PACKAGE_START = re.compile(r"^(?=\[\[package\]\]$)", re.MULTILINE)
# The first lines of the project's own entry: a static version is recorded, a dynamic one not.
PROJECT_ENTRY = re.compile(
    r'\[\[package\]\]\nname = "[^"]*"\n(?P<version>version = "[^"]*"\n)?'
    r'(?P<source>source = \{ (?:editable|virtual) = "\." \}\n)'
)
ENTRY_NAME = re.compile(r'\[\[package\]\]\nname = "(?P<name>[^"]*)"')


# The questions whose answers change the project's dependencies, in the locks' names.
DEPENDENCY_QUESTIONS = ("database", "observability")


def dependency_sets(choices: Mapping[str, list[str]]) -> list[dict[str, str]]:
    """Every combination of answers to the DEPENDENCY_QUESTIONS, from each question's choices."""
    answers = [choices[key] for key in DEPENDENCY_QUESTIONS]
    return [dict(zip(DEPENDENCY_QUESTIONS, values, strict=True)) for values in product(*answers)]


def lock_source(template: str, answers: Mapping[str, Any]) -> Path:
    """The stored lock of the dependency set of `answers` (they may hold other answers too)."""
    name = "-".join([template, *(answers[key] for key in DEPENDENCY_QUESTIONS)])
    return LOCKS / f"{name}.lock"


def normalized_name(name: str) -> str:
    """A distribution name as uv writes it (PEP 503): lowercase, `-` for runs of `-_.`."""
    return re.sub(r"[-_.]+", "-", name).lower()


def normalized_version(version: str) -> str:
    """A PEP 440 version in its normalized form, as uv writes it: `v1.0-1` is `1.0.post1`."""
    match = VERSION.fullmatch(version)
    if match is None:
        raise ValueError(f"not a PEP 440 version: {version!r}")
    parts = []
    if match["epoch"] and int(match["epoch"]):
        parts.append(f"{int(match['epoch'])}!")
    parts.append(".".join(str(int(number)) for number in match["release"].split(".")))
    if match["pre"]:
        label = match["pre"].lower()
        parts.append(f"{PRE_RELEASE_LABELS.get(label, label)}{int(match['pre_number'] or 0)}")
    if match["implicit_post"] or match["post"]:
        parts.append(f".post{int(match['implicit_post'] or match['post_number'] or 0)}")
    if match["dev"]:
        parts.append(f".dev{int(match['dev_number'] or 0)}")
    return "".join(parts)


def project_lock(lock: str, name: str, version: str) -> str:
    """The stored lock with the project's own entry named `name` at `version`.

    uv sorts the entries by name, so the renamed entry moves to its place among them.
    """
    header, *entries = (part.strip("\n") for part in PACKAGE_START.split(lock))
    projects = [index for index, entry in enumerate(entries) if PROJECT_ENTRY.match(entry)]
    if len(projects) != 1:
        raise ValueError(f"a stored lock needs one entry with source '.', found {len(projects)}")
    entry = entries[projects[0]]
    match = PROJECT_ENTRY.match(entry)
    assert match is not None
    recorded_version = f'version = "{normalized_version(version)}"\n' if match["version"] else ""
    first_lines = f'[[package]]\nname = "{normalized_name(name)}"\n{recorded_version}'
    entries[projects[0]] = first_lines + entry[match.start("source") :]
    entries.sort(key=entry_name)
    return "\n\n".join([header, *entries]) + "\n"


def entry_name(entry: str) -> str:
    match = ENTRY_NAME.match(entry)
    if match is None:
        raise ValueError(f"not a package entry of a uv.lock: {entry[:80]!r}")
    return match["name"]


def write_lock(project: Path, context: Mapping[str, Any]) -> None:
    """Write the project's uv.lock from its dependency set's stored lock.

    A template without stored locks yet (while `python hooks/lock.py` makes its first ones)
    gets none; the suite fails until every template has its locks.
    """
    source = lock_source(context["_framework"], context)
    if source.is_file():
        lock = project_lock(source.read_text("utf-8"), context["project_slug"], context["version"])
        (project / "uv.lock").write_text(lock, encoding="utf-8", newline="\n")
