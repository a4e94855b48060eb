"""`manage.py migrate`, one at a time: Django's own command under a PostgreSQL advisory lock.

Two release steps can start together (a deploy's migration Job retried beside a running one,
two deploys at once). Django's migrate takes no lock of its own, so both would create the same
tables and one would fail; with the lock, the second waits for the first and then finds
nothing left to do. Django finds this command before its own because the project package is an
installed app.
"""

from typing import Any

from django.core.management.commands import migrate
from django.db import connections

from {{ cookiecutter.project_slug }}.contract import MIGRATION_LOCK_KEY


class Command(migrate.Command):
    def handle(self, *args: Any, **options: Any) -> None:
        connection = connections[options["database"]]
        if connection.vendor != "postgresql":
            super().handle(*args, **options)
            return
        # A session's lock, on the connection migrate keeps for the whole command.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATION_LOCK_KEY])
        try:
            super().handle(*args, **options)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK_KEY])
