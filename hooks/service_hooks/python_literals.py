"""Answers written as Python string literals, laid out as ruff format lays them out.

Jinja filters of the templates (registered by extension.py): the generated projects pass
`ruff format --check` whatever the answers hold.
"""

from __future__ import annotations

import re
import unicodedata

# The generated projects' line length (their pyproject.toml's [tool.ruff]).
LINE_LENGTH = 99


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
