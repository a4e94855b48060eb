"""Apply the SQL migrations the database has not had yet.

Run as `python -m {{ cookiecutter.project_slug }}.migrate`.

migrations/<dialect>/ holds numbered files (0001_create_items.sql, 0002_...) written in that
database's SQL. Each file runs in one transaction together with the row of schema_migrations
that records it, so a migration that fails leaves nothing behind and runs again next time.

Until the database has had them all, the server answers 503 naming this command
(MigrationCheckPlugin).
"""

import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bottle import HTTPError

from . import config
from .contract import MIGRATION_LOCK_KEY, not_migrated
from .database import Database, DatabaseUnavailableError, open_database, unavailable_as_503

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = config.PROJECT_DIR / "migrations"
COMMAND = "uv run python -m {{ cookiecutter.project_slug }}.migrate"
# Whether a table exists, in each database's catalogue.
TABLE_EXISTS = {
    "sqlite": "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
    "postgresql": "SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?",
}

CREATE_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version VARCHAR(255) PRIMARY KEY,
    applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
)
"""


def migration_files(dialect: str) -> list[Path]:
    return sorted((MIGRATIONS_DIR / dialect).glob("*.sql"))


def pending_migrations(database: Database) -> list[str]:
    """The versions the database has not had, in order; all of them for a new database."""
    versions = [path.stem for path in migration_files(database.dialect)]
    if not database.exists():
        return versions
    with database.transaction() as db:
        if not db.execute(TABLE_EXISTS[database.dialect], ("schema_migrations",)):
            return versions
        applied = {row[0] for row in db.execute("SELECT version FROM schema_migrations")}
    return [version for version in versions if version not in applied]


class MigrationCheckPlugin:
    """Answers 503 naming the migrate command, on the routes that take a `db`, while the
    database lacks a migration.

    Installed before the DatabasePlugin, so it runs before the route's transaction opens (and
    a SQLite file that does not exist yet is a database to migrate, not one that does not
    answer). Asked on each request until the answer is yes, so that running the command is
    enough, without a restart; then kept for the life of the process.
    """

    name = "migration_check"
    api = 2

    def __init__(self, database: Database, keyword: str = "db") -> None:
        self.database = database
        self.keyword = keyword
        self.current = False

    def apply(self, callback: Callable[..., Any], route: Any) -> Callable[..., Any]:
        if self.keyword not in route.get_callback_args():
            return callback

        @functools.wraps(callback)
        def migrated(*args: Any, **kwargs: Any) -> Any:
            if not self.current:
                with unavailable_as_503():
                    pending = pending_migrations(self.database)
                if pending:
                    detail = not_migrated(COMMAND)
                    logger.warning("%s Missing: %s.", detail, ", ".join(pending))
                    raise HTTPError(503, detail)
                self.current = True
            return callback(*args, **kwargs)

        return migrated


def migrate(database: Database) -> list[str]:
    """Apply the pending migrations in order; return their versions (file names less .sql).

    On PostgreSQL each transaction first takes an advisory lock, held until it ends: a release
    step started beside another waits for it, then finds the migration applied and skips it.
    """
    done = []
    for path in migration_files(database.dialect):
        with database.transaction() as db:
            if database.dialect == "postgresql":
                db.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK_KEY,))
            db.execute(CREATE_TABLE)
            if db.execute("SELECT 1 FROM schema_migrations WHERE version = ?", (path.stem,)):
                continue
            db.executescript(path.read_text(encoding="utf-8"))
            db.execute("INSERT INTO schema_migrations (version) VALUES (?)", (path.stem,))
        done.append(path.stem)
    return done


def main() -> None:
    database = open_database(config.database_url(), create=True)
    try:
        done = migrate(database)
    except DatabaseUnavailableError as error:
        raise SystemExit(f"The database is not answering: {error}") from error
    finally:
        database.close()
    print(f"Applied {', '.join(done)}." if done else "The database is up to date.")


if __name__ == "__main__":
    main()
