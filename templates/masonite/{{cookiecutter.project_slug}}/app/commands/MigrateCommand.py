"""`python craft migrate`, one at a time: Masonite ORM's own command under a PostgreSQL
advisory lock.

Two release steps can start together (a deploy's migration Job retried beside a running one,
two deploys at once). Masonite ORM's migrate takes no lock of its own, so both would create
the same tables and one would fail; with the lock, the second waits for the first and then
finds nothing left to do. SQLite needs none: its service runs the release step in its one pod.
AppProvider puts this command in place of the ORM's.
"""

from typing import Any

from masoniteorm.commands import MigrateCommand as OrmMigrateCommand
from masoniteorm.config import load_config

from {{ cookiecutter.project_slug }}.contract import MIGRATION_LOCK_KEY


class MigrateCommand(OrmMigrateCommand):  # type: ignore[misc]
    # Masonite ORM reads the name, the description and the options from the docstring.
    __doc__ = OrmMigrateCommand.__doc__

    def handle(self) -> Any:
        resolver = load_config(self.option("config")).DB
        details = resolver.get_connection_details()
        name = self.option("connection")
        if name == "default":
            name = details["default"]
        if details[name].get("driver") != "postgres":
            return super().handle()
        # The ORM opens a connection per query, so the lock, a session's, lives on one
        # connection of its own, opened with the same details and held for the whole command.
        connection = resolver.connection_factory.make("postgres")(
            **resolver.get_connection_information(name)
        ).create_connection()
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK_KEY,))
            return super().handle()
        finally:
            # Closing the session releases its lock.
            connection.close()
