"""Whether the database has every Alembic migration of this code.

A server started on a database that nobody migrated answers 503 and names the migrate command
(contract.not_migrated), instead of failing on every query. The answer is asked again on each
request until it is yes, so that running the command is enough, without a restart; then it is
kept for the life of the process, so a migrated database costs a request nothing more.
"""

from pathlib import Path

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import ResolutionError
from sqlalchemy import Connection

from .contract import not_migrated


class MigrationCheck:
    def __init__(self, script_location: Path, command: str) -> None:
        self.script_location = script_location
        # The command that applies the migrations, as the 503 and the log name it.
        self.command = command
        self.current = False

    @property
    def detail(self) -> str:
        """What the 503 says, and the log line starts with."""
        return not_migrated(self.command)

    def pending(self, connection: Connection) -> list[str]:
        """The revisions the database lacks, oldest first; none once it has had them all."""
        if self.current:
            return []
        script = ScriptDirectory(str(self.script_location))
        heads = MigrationContext.configure(connection).get_current_heads()
        try:
            applied = {revision.revision for revision in script.iterate_revisions(heads, "base")}
        except ResolutionError:
            # A revision this code does not know: the database is ahead of the code (which
            # was rolled back after a migration), and the code was written for less.
            self.current = True
            return []
        pending = [r.revision for r in script.walk_revisions() if r.revision not in applied]
        self.current = not pending
        return pending[::-1]
