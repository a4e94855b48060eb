"""Validate every answer before cookiecutter writes a project file.

Bundled by hooks/build.py into templates/<fw>/hooks/pre_gen_project.py. Every failed rule is
printed as one line, `key: rule`, and the hook exits 1 so cookiecutter removes the project
directory it has just created. Standard library only: hooks run with cookiecutter's Python.
"""

from __future__ import annotations

import keyword
import re
import sys
from collections.abc import Callable, Mapping
from typing import Any

SLUG_MAX_LENGTH = 64
NAME_MAX_LENGTH = 100
DESCRIPTION_MAX_LENGTH = 300

# Names a project package must not shadow in any generated project: its own top-level folders
# and the test and tooling imports every project has.
COMMON_RESERVED_NAMES = frozenset(
    {
        "tests",
        "contract",
        "migrations",
        "conftest",
        "pytest",
        "httpx",
        "jsonschema",
        "yaml",
        "mypy",
        "ruff",
        "alembic",
        "sqlalchemy",
        "psycopg",
        "dotenv",
        "app",
        "site",
    }
)

# PEP 440, the public version scheme (Appendix B of the PEP), without local versions.
PEP440_VERSION = re.compile(
    r"""
    v?
    (?:(?P<epoch>[0-9]+)!)?
    (?P<release>[0-9]+(?:\.[0-9]+)*)
    (?P<pre>[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?[0-9]*)?
    (?P<post>(?:-[0-9]+)|(?:[-_.]?(?:post|rev|r)[-_.]?[0-9]*))?
    (?P<dev>[-_.]?dev[-_.]?[0-9]*)?
    """,
    re.VERBOSE | re.IGNORECASE,
)
# One @, a dot in the domain, no whitespace, quotes, angle brackets or backslashes.
EMAIL = re.compile(r"[^@\s\"'<>\\,;]+@[^@\s\"'<>\\,;]+\.[A-Za-z0-9-]{2,}")
SLUG = re.compile(r"[a-z_][a-z0-9_]*")
# Control characters (newlines and tabs included) break one-line fields in TOML, YAML and
# Python literals of the generated files.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")

Rule = Callable[[str, Mapping[str, Any]], str | None]


def one_line_text(max_length: int, *, required: bool) -> Rule:
    def check(value: str, _context: Mapping[str, Any]) -> str | None:
        if required and not value.strip():
            return "must not be blank"
        if CONTROL_CHARACTERS.search(value):
            return "must be a single line without control characters"
        if len(value) > max_length:
            return f"must be at most {max_length} characters"
        if value != value.strip():
            return "must not start or end with whitespace"
        return None

    return check


def check_slug(value: str, context: Mapping[str, Any]) -> str | None:
    if not value.isascii() or not SLUG.fullmatch(value):
        return (
            "must be a lowercase ASCII Python identifier "
            "(letters, digits, underscores; not starting with a digit)"
        )
    if len(value) > SLUG_MAX_LENGTH:
        return f"must be at most {SLUG_MAX_LENGTH} characters"
    if keyword.iskeyword(value) or keyword.issoftkeyword(value):
        return "must not be a Python keyword"
    if value in sys.stdlib_module_names:
        return "must not be the name of a standard library module"
    reserved = COMMON_RESERVED_NAMES | set(context.get("_reserved_names", []))
    if value in reserved:
        return "must not shadow an import name the project uses (framework or dependency)"
    return None


def check_email(value: str, _context: Mapping[str, Any]) -> str | None:
    if not EMAIL.fullmatch(value):
        return "must be an email address like name@example.com"
    return None


def check_version(value: str, _context: Mapping[str, Any]) -> str | None:
    if not PEP440_VERSION.fullmatch(value):
        return "must be a valid PEP 440 version like 0.1.0"
    return None


RULES: dict[str, Rule] = {
    "project_name": one_line_text(NAME_MAX_LENGTH, required=True),
    "project_slug": check_slug,
    "description": one_line_text(DESCRIPTION_MAX_LENGTH, required=False),
    "author_name": one_line_text(NAME_MAX_LENGTH, required=True),
    "email": check_email,
    "version": check_version,
}


def validate(context: Mapping[str, Any]) -> list[str]:
    """Return one `key: rule` line per failed answer, in question order."""
    problems = []
    for key, rule in RULES.items():
        value = context.get(key)
        if not isinstance(value, str):
            problems.append(f"{key}: must be text")
            continue
        problem = rule(value, context)
        if problem:
            problems.append(f"{key}: {problem}")
    return problems


def main(context: Mapping[str, Any]) -> None:
    problems = validate(context)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        raise SystemExit(1)
