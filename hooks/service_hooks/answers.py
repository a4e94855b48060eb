"""The rules every answer must meet, checked before cookiecutter writes a project file.

Every failed rule is printed as one line, `key: rule`, on stderr and the process exits 1. The
checks run in-process, through the template's Jinja extension (extension.py): its
`validated_answers` filter, which the last private variable of each cookiecutter.json renders
once every question is answered, so a bad answer leaves nothing behind and prints no traceback;
and, for runs that skip the questions (`cookiecutter --replay`), while cookiecutter renders the
pre-generation hook, which runs them again.

A choice question's answer must be one of the template's `_choices` for it: cookiecutter asks
choice questions as text (see cookiecutter_json.py), so the rule is here.

Standard library only: this runs with cookiecutter's own Python.
"""

from __future__ import annotations

import keyword
import re
import sys
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

from .python_literals import display_width, python_string

# The longest slug that keeps every statement holding it on one line as ruff format writes it
# (line length 99); the tightest is Django's manage.py:
#     os.environ.setdefault("DJANGO_SETTINGS_MODULE", "<slug>.settings.development")
SLUG_MAX_LENGTH = 23
# The name is written into one-line Python string literals (a page's welcome text, FastAPI's
# title, test assertions), which must stay within the generated projects' line length at every
# place they land. The description is wrapped where it lands in Python (`python_argument`).
NAME_MAX_WIDTH = 40
DESCRIPTION_MAX_LENGTH = 300
AUTHOR_MAX_LENGTH = 100

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
        "pythonjsonlogger",
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
# A package name that is also a valid distribution name once `_` becomes `-` (which must start
# and end with a letter or digit).
SLUG = re.compile(r"[a-z](?:[a-z0-9_]*[a-z0-9])?")
# Control characters (newlines and tabs included), line and paragraph separators (line breaks
# to YAML) and lone surrogates break one-line fields in TOML, YAML and Python literals.
BREAKING_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})
# The project name also lands verbatim in Python docstrings, where a backslash starts an escape
# and double quotes can end the docstring; the other text answers are only written escaped.
DOCSTRING_BREAKERS = frozenset('"\\')

Rule = Callable[[str, Mapping[str, Any]], str | None]


def one_line_text(
    *, required: bool, max_length: int = 0, max_width: int = 0, in_docstrings: bool = False
) -> Rule:
    """A one-line answer, limited in characters, or in columns as a Python string literal."""

    def check(value: str, _context: Mapping[str, Any]) -> str | None:
        if required and not value.strip():
            return "must not be blank"
        if any(unicodedata.category(character) in BREAKING_CATEGORIES for character in value):
            return "must be a single line without control characters"
        if in_docstrings and DOCSTRING_BREAKERS & set(value):
            return "must not contain double quotes or backslashes"
        if max_length and len(value) > max_length:
            return f"must be at most {max_length} characters"
        if max_width and display_width(python_string(value)) - 2 > max_width:
            return (
                f"must be at most {max_width} columns wide in a Python string (emoji and other "
                "wide characters, and escaped quotes and backslashes, take two)"
            )
        if value != value.strip():
            return "must not start or end with whitespace"
        return None

    return check


def check_slug(value: str, context: Mapping[str, Any]) -> str | None:
    if not value.isascii() or not SLUG.fullmatch(value):
        return (
            "must be a lowercase ASCII Python identifier (letters, digits, underscores; "
            "starting with a letter, not ending with an underscore)"
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
    "project_name": one_line_text(required=True, max_width=NAME_MAX_WIDTH, in_docstrings=True),
    "project_slug": check_slug,
    "description": one_line_text(required=False, max_length=DESCRIPTION_MAX_LENGTH),
    "author_name": one_line_text(required=True, max_length=AUTHOR_MAX_LENGTH),
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
    choices = context.get("_choices", {})
    for key, allowed in choices.items() if isinstance(choices, Mapping) else ():
        if context.get(key) not in allowed:
            problems.append(f"{key}: must be one of {', '.join(allowed)}")
    return problems


def main(context: Mapping[str, Any]) -> None:
    """The pre-generation hook, and the filter's body: exit 1 unless every answer is valid."""
    problems = validate(context)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        raise SystemExit(1)
