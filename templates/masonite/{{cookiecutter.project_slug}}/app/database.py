"""The database beyond what Masonite ORM does: whether it has every migration of
databases/migrations{% if cookiecutter.database == "sqlite" %}, and SQLite's settings for several workers{% else %}, and a pool without connections from before an outage{% endif %}.

A server started on a database that nobody migrated answers 503 and names the migrate command
(contract.not_migrated), instead of failing on every query. The answer is asked again on each
request until it is yes, so that running the command is enough, without a restart; then it is
kept for the life of the process, so a migrated database costs a request nothing more.
"""

import logging
{%- if cookiecutter.database == "sqlite" %}
import sqlite3
from contextlib import closing
{%- endif %}
from pathlib import Path

{% if cookiecutter.database == "postgresql" -%}
from masoniteorm.connections.PostgresConnection import CONNECTION_POOL
{% endif -%}
from masoniteorm.models.MigrationModel import MigrationModel
from masoniteorm.schema import Schema

from {{ cookiecutter.project_slug }}.contract import {% if cookiecutter.database == "sqlite" %}apply_sqlite_pragmas, {% endif %}not_migrated

MIGRATIONS = Path(__file__).resolve().parents[1] / "databases" / "migrations"
MIGRATE_COMMAND = "uv run python craft migrate"

logger = logging.getLogger(__name__)


class MigrationCheck:
    def __init__(self, migrations: Path = MIGRATIONS) -> None:
        self.migrations = migrations
        self.current = False

    @property
    def detail(self) -> str:
        """What the 503 says, and the log line starts with."""
        return not_migrated(MIGRATE_COMMAND)

    def pending(self, schema: Schema) -> list[str]:
        """The migrations the database lacks, oldest first; none once it has had them all."""
        if self.current:
            return []
        written = sorted(path.stem for path in self.migrations.glob("[0-9]*.py"))
        applied: set[str] = set()
        # The table Masonite ORM records its migrations in, created by the first migrate.
        if schema.has_table("migrations"):
            applied = {row.migration for row in MigrationModel.all()}
        pending = [name for name in written if name not in applied]
        self.current = not pending
        return pending


MIGRATION_CHECK = MigrationCheck()
{%- if cookiecutter.database == "sqlite" %}


def configure_sqlite(database: str) -> None:
    """Let several server workers share the SQLite file: WAL mode, which the file keeps, set
    where the process starts. Masonite ORM opens a connection per query, with the standard
    library's default wait of 5 s for the write lock (busy_timeout)."""
    with closing(sqlite3.connect(database)) as connection:
        apply_sqlite_pragmas(connection)
{%- else %}


def forget_pooled_connections() -> None:
    """Close the connections Masonite ORM keeps in its pool (config/database.py). It hands
    them out again without a check, and takes back one that failed: after a database error,
    a connection from before an outage would fail every query it is given, long after the
    database is back. New connections are opened as queries need them."""
    while CONNECTION_POOL:
        CONNECTION_POOL.pop().close()
{%- endif %}
