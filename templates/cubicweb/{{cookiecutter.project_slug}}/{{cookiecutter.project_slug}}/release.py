{%- set postgresql = cookiecutter.database == "postgresql" -%}
"""The release step (Procfile): `python -m {{ cookiecutter.project_slug }}.release`.

On a new database it creates the instance's tables, as `cubicweb-ctl db-init` does (CubicWeb
stores the schema, its groups and a manager account, then runs the cube's
migration/postcreate.py). On a database that has them it upgrades them as `cubicweb-ctl upgrade`
does: it runs the migration scripts of CubicWeb and of the cube (migration/<version>_Any.py)
named for the versions between the one the database records and the code's, then records the
code's. Until it has run, the server answers 503 naming it.

On PostgreSQL it runs under an advisory lock (contract.MIGRATION_LOCK_KEY), so that release
steps started together take turns: the second finds the work done and changes nothing.
"""

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from types import SimpleNamespace

{% if postgresql -%}
import psycopg2
{% endif -%}
from cubicweb.server import init_repository

from . import logs, settings
from .contract import {% if postgresql %}MIGRATION_LOCK_KEY, {% endif %}apply_sqlite_pragmas
from .instance import (
    cubicweb_config,
    missing_migrations,
    recorded_versions,
    sqlite_path,
    write_instance,
)

# No backup of the database before an upgrade (take yours before a release); the scripts of
# the database's migrations, not the files' (instance.py writes those).
UPGRADE_OPTIONS = SimpleNamespace(fs_only=False, backup_db=False)


@contextmanager
def migration_lock(url: str) -> Iterator[None]:
    """Hold the release steps' advisory lock for the duration of the block (PostgreSQL only,
    on a connection of its own: the lock belongs to that session). SQLite needs none: its
    service runs the release step in its one pod."""
    if sqlite_path(url) is not None:
        yield
        return
{%- if postgresql %}
    with closing(psycopg2.connect(url)) as connection:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK_KEY,))
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK_KEY,))
{%- else %}
    raise ValueError("DATABASE_URL must be a sqlite:/// URL")
{%- endif %}


def upgrade() -> None:
    """`cubicweb-ctl upgrade`, without its questions: as the repository's internal manager
    rather than the manager account, whose password the release step does not keep."""
    config = cubicweb_config()
    config.repairing = True  # A migration, not a server start.
    repository = config.repository()
    try:
        with repository.internal_cnx() as cnx:
            helper = config.migration_handler(interactive=False, cnx=cnx, repo=repository)
            recorded = repository.get_versions()
            code = {cube: config.cube_version(cube) for cube in config.cubes()}
            code["cubicweb"] = config.cubicweb_version()
            steps = [(name, recorded[name], version) for name, version in code.items()]
            # CubicWeb's scripts first, then the cube's, each from its recorded version.
            steps = [step for step in reversed(steps) if step[2] > step[1]]
            helper.migrate(recorded, steps, UPGRADE_OPTIONS)
    finally:
        repository.shutdown()


def release(url: str) -> str:
    """Create or upgrade the instance's database at `url`; say what was done."""
    write_instance(url)
    if (path := sqlite_path(url)) is not None:
        # WAL, which the file keeps, lets the server's workers read while one writes; a writer
        # waits for the lock (busy_timeout, and sqlite3's own 5 s wait on CubicWeb's connections).
        with closing(sqlite3.connect(path)) as connection:
            apply_sqlite_pragmas(connection)
    with migration_lock(url):
        if not recorded_versions(url):
            init_repository(cubicweb_config(), interactive=False, drop=False)
            return "created"
        if missing := missing_migrations(url):
            upgrade()
            return f"upgraded: {'; '.join(missing)}"
    return "up to date"


def main() -> None:
    logs.configure()
    # CubicWeb's notes of each step at INFO are its own business, not the release's.
    logging.getLogger("cubicweb").setLevel(logging.WARNING)
    print(f"The instance's database is {release(settings.database_url())}.")


if __name__ == "__main__":
    main()
