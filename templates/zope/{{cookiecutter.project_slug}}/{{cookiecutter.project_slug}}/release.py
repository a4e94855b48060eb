{%- set postgresql = cookiecutter.database == "postgresql" -%}
"""The release step: `python -m {{ cookiecutter.project_slug }}.release` (the Procfile's).

It starts Zope as the server does, on the database etc/zope.conf names (creating RelStorage's
tables and Zope's root folder in a new one: the server's workers then start without writing),
and runs zope.generations' evolve steps the database lacks (generations/). Until it has run,
the server answers 503 naming this command.

It holds the database's lock (`database_lock` in storage.py{% if postgresql %}: on PostgreSQL, the
advisory lock MIGRATION_LOCK_KEY{% endif %}),
so that release steps started together take turns: the second finds the work done. With
`--check` it changes nothing, and exits 1 while the database lacks a generation of the code.
"""

import argparse
import os
import sys
from typing import Any

import ZODB
from zope.component import provideUtility
from zope.generations.generations import EVOLVE, evolve
from zope.generations.interfaces import ISchemaManager

from . import logs
from .database import RELEASE_COMMAND, SCHEMA_MANAGER_NAME, generation
from .generations import GENERATION, schema_manager
from .storage import PROJECT_DIR, database_lock, database_url, open_storage

ZOPE_CONF = PROJECT_DIR / "etc" / "zope.conf"


def start_zope() -> None:
    """Zope's start, as the server's (etc/zope.conf, the ZCML): in a new database it makes its
    root folder, which the server's workers then find made."""
    import Zope2
    from Zope2.Startup.run import configure_wsgi

    os.environ["INSTANCE_HOME"] = str(PROJECT_DIR)
    configure_wsgi(str(ZOPE_CONF))
    Zope2.startup_wsgi()
    Zope2.DB.close()


def release(url: str) -> int:
    """Evolve the database at `url` to the code's generation; the generation it is at."""
    provideUtility(schema_manager, ISchemaManager, name=SCHEMA_MANAGER_NAME)
    with database_lock(url):
        db: Any = ZODB.DB(open_storage(url))
        try:
            evolve(db, EVOLVE)
            with db.transaction() as connection:
                return generation(connection.root())
        finally:
            db.close()


def generation_of(url: str) -> int:
    """The generation the database at `url` is at, read without changing it."""
    db: Any = ZODB.DB(open_storage(url))
    try:
        with db.transaction() as connection:
            return generation(connection.root())
    finally:
        db.close()


def main(arguments: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Evolve the database to the code's generation.")
    parser.add_argument("--check", action="store_true", help="change nothing: exit 1 if behind")
    options = parser.parse_args(arguments)
    logs.configure()
    if options.check:
        reached = generation_of(database_url())
        if reached < GENERATION:
            sys.exit(f"The database is at generation {reached} of {GENERATION}: {RELEASE_COMMAND}")
    else:
        url = database_url()
        with database_lock(url):
            start_zope()
        reached = release(url)
    print(f"The database is at generation {reached}.")


if __name__ == "__main__":
    main()
