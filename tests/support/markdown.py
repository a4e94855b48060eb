"""Markdown written like prose: lines wrapped where a reader's editor would wrap them."""

from __future__ import annotations

import re

MARKDOWN_LINE_LIMIT = 100
# A line that is one link or one URL and nothing else: it cannot be wrapped.
LONE_LINK = re.compile(r"(?:[-*] )?(?:<?https?://\S+>?|\[[^\]]*\]\([^)\s]*\)|\[[^\]]*\]: \S+)")


def long_prose_lines(text: str) -> list[str]:
    """Lines over the limit, outside code blocks (fenced, or indented after a blank line) and
    tables, and other than a lone link."""
    long_lines = []
    fence = ""
    indented_code = False
    previous = ""
    for line in text.splitlines():
        stripped = line.strip()
        if fence:
            fence = "" if stripped.startswith(fence) else fence
        elif stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
        else:
            indented_code = line.startswith("    ") and (indented_code or not previous.strip())
            exempt = indented_code or stripped.startswith("|") or LONE_LINK.fullmatch(stripped)
            if not exempt and len(line) > MARKDOWN_LINE_LIMIT:
                long_lines.append(line)
        previous = line
    return long_lines
