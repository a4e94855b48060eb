"""`manage.py makemigrations`, then ruff on the migrations it wrote.

Django formats new migrations with black when black is on PATH; this project's formatter is
ruff. Django finds this command before its own because the project package is an installed
app, so a new migration gets ruff's fixes (an unused import, say) and its formatting, and
passes `ruff check` and `ruff format --check` as written. The files of `--merge`,
`squashmigrations` and `optimizemigration` stay as Django writes them: run
`uv run ruff format` after those.
"""

import subprocess
import sys
from typing import Any

from django.core.management.commands import makemigrations


def ruff(*args: str) -> None:
    # The project's own ruff (a dev dependency), run by the Python that runs Django. The
    # arguments are the paths Django just wrote; ruff reports what it cannot fix itself.
    subprocess.run([sys.executable, "-m", "ruff", *args], check=False)  # noqa: S603


class Command(makemigrations.Command):
    # The paths Django's command wrote in this run (django-stubs does not declare it).
    written_files: list[str]

    def write_migration_files(
        self,
        changes: dict[str, Any],
        update_previous_migration_paths: dict[str, str] | None = None,
    ) -> None:
        super().write_migration_files(changes, update_previous_migration_paths)
        if self.written_files:
            ruff("check", "--fix", "--quiet", *self.written_files)
            ruff("format", "--quiet", *self.written_files)
