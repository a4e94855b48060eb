"""Apply the SQL migrations the database has not had yet.

Run as `python -m {{ cookiecutter.project_slug }}.migrate`.

migrations/<dialect>/ holds numbered files (0001_create_items.sql, 0002_...) written in that
database's SQL. Each file runs in one transaction together with the row of schema_migrations
that records it, so a migration that fails leaves nothing behind and runs again next time.
"""

from pathlib import Path

from . import config
from .database import Database, DatabaseUnavailableError, open_database

MIGRATIONS_DIR = config.PROJECT_DIR / "migrations"

CREATE_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version VARCHAR(255) PRIMARY KEY,
    applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
)
"""


def migration_files(dialect: str) -> list[Path]:
    return sorted((MIGRATIONS_DIR / dialect).glob("*.sql"))


def applied_versions(database: Database) -> set[str]:
    with database.transaction() as db:
        db.execute(CREATE_TABLE)
        return {row[0] for row in db.execute("SELECT version FROM schema_migrations")}


def migrate(database: Database) -> list[str]:
    """Apply the pending migrations in order; return their versions (file names less .sql)."""
    applied = applied_versions(database)
    done = []
    for path in migration_files(database.dialect):
        if path.stem not in applied:
            with database.transaction() as db:
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
