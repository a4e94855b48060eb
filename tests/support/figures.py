"""Figures the tiers measure (requests per second, exit times, image sizes), reported as tables
at the end of the run, so a plain `tox` run shows them without `-s`. Nothing here is asserted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest


@dataclass
class Figures:
    """A pytest plugin: `add()` a row to a named table; every table is printed at the end."""

    tables: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    def add(self, table: str, **row: object) -> None:
        self.tables.setdefault(table, []).append(
            {
                key: f"{value:.2f}" if isinstance(value, float) else str(value)
                for key, value in row.items()
            }
        )

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        for title, rows in self.tables.items():
            columns = list(dict.fromkeys(key for row in rows for key in row))
            lines = [columns, *([row.get(column, "") for column in columns] for row in rows)]
            widths = [max(len(line[i]) for line in lines) for i in range(len(columns))]
            terminalreporter.write_sep("=", title)
            for line in lines:
                text = "  ".join(
                    value.ljust(width) for value, width in zip(line, widths, strict=True)
                )
                terminalreporter.write_line(text.rstrip())
