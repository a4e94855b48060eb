"""Validate every answer before cookiecutter writes a project file.

Every failed rule is printed as one line, `key: rule`, on stderr and the process exits 1.
hooks/build.py delivers this one module twice into each template:

- as the Jinja extension module `web_service_answers.py` beside the template's cookiecutter.json
  (a "local extension"): its `validated_answers` filter, rendered by the template's last private
  variable, validates in-process once every question is answered, before cookiecutter creates
  any directory, so a bad answer leaves nothing behind and prints no traceback;
- as hooks/pre_gen_project.py, a second line of defence for runs that skip the questions, such
  as `cookiecutter --replay` with a hand-edited replay file.

Standard library and Jinja2 only: both run with cookiecutter's own Python.
"""

from __future__ import annotations

import keyword
import re
import sys
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

from jinja2 import Environment
from jinja2.ext import Extension

# The longest slug that keeps every statement holding it on one line as ruff format writes it
# (line length 99); the tightest is Django's manage.py:
#     os.environ.setdefault("DJANGO_SETTINGS_MODULE", "<slug>.settings.development")
SLUG_MAX_LENGTH = 23
# The name is written into one-line Python string literals (a page's welcome text, FastAPI's
# title, test assertions), which must stay within the generated projects' line length at every
# place they land. The description is wrapped where it lands in Python (`python_argument`).
NAME_MAX_WIDTH = 40
DESCRIPTION_MAX_LENGTH = 300
LINE_LENGTH = 99
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


def python_string(value: str) -> str:
    """`value` as a Python string literal, quoted as ruff format quotes it: double quotes unless
    the text holds more of them than single quotes. A Jinja filter in the templates. Answers
    hold no control characters, so quotes and backslashes are all there is to escape."""
    quote = "'" if value.count('"') > value.count("'") else '"'
    return quote + value.replace("\\", "\\\\").replace(quote, "\\" + quote) + quote


def python_argument(value: str, name: str, indent: int) -> str:
    """`name=<value as a string literal>` for a call indented by `indent`, laid out as ruff
    format lays it out: on one line if it fits, else the literal alone in parentheses, else the
    text word-wrapped into implicitly concatenated literals. A Jinja filter in the templates."""
    literal = python_string(value)
    if indent + display_width(f"{name}={literal},") <= LINE_LENGTH:
        return f"{name}={literal}"
    inner = " " * (indent + 4)
    room = LINE_LENGTH - len(inner)
    chunks = [literal] if display_width(literal) <= room else wrapped_literals(value, room)
    lines = "".join(f"\n{inner}{chunk}" for chunk in chunks)
    return f"{name}=({lines}\n{' ' * indent})"


def wrapped_literals(value: str, room: int) -> list[str]:
    """Word-wrap `value` into string literals of at most `room` columns each; the spaces stay at
    the ends of the pieces, so the concatenation is the text itself."""
    pieces: list[str] = []
    current = ""
    for word in re.findall(r"\S+\s*|\s+", value):
        for character in word if display_width(python_string(word)) > room else [word]:
            if current and display_width(python_string(current + character)) > room:
                pieces.append(current)
                current = ""
            current += character
    pieces.append(current)
    return [python_string(piece) for piece in pieces]


def display_width(text: str) -> int:
    """Columns `text` takes in a line, as ruff counts them: wide characters (emoji, CJK) take 2."""
    return sum(character_width(character) for character in text)


def character_width(character: str) -> int:
    if unicodedata.combining(character):
        return 0
    return 2 if unicodedata.east_asian_width(character) in "WF" else 1


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
    return problems


def main(context: Mapping[str, Any]) -> None:
    problems = validate(context)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        raise SystemExit(1)


def validated_answers(context: Mapping[str, Any]) -> str:
    """Jinja filter: stop generation, without a traceback, unless every answer is valid."""
    main(context)
    return "valid"


class AnswersExtension(Extension):
    """The template's local Jinja extension, named in its cookiecutter.json `_extensions`."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters["validated_answers"] = validated_answers
        environment.filters["python_string"] = python_string
        environment.filters["python_argument"] = python_argument
        # `tojson` writes non-ASCII text as itself: readable in the generated files, and valid
        # TOML, YAML and Python even outside the BMP, where \u escapes would be lone surrogates.
        environment.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
