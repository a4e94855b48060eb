"""Alembic environment: migrates the database that the .ini file, or DATABASE_URL, names.

Run `alembic -c development.ini upgrade head` to migrate, and after changing the models
`alembic -c development.ini revision --autogenerate -m "what changed"` to write a migration.
"""

import logging
from typing import Any

from alembic import context
from pyramid.paster import get_appsettings, setup_logging

from {{ cookiecutter.project_slug }} import logs
from {{ cookiecutter.project_slug }}.migration_lock import migration_lock
from {{ cookiecutter.project_slug }}.models import Base, get_engine
from {{ cookiecutter.project_slug }}.settings import with_environment

config = context.config
if config.config_file_name is None:
    raise SystemExit("Run alembic with an .ini file: alembic -c development.ini ...")
# The .ini file's logging sections; production.ini has none: the release step logs as the
# production server does (logs.py).
if config.file_config.has_section("loggers"):
    setup_logging(config.config_file_name)
else:
    logs.configure()
logger = logging.getLogger("alembic.env")
settings = with_environment(get_appsettings(config.config_file_name))
target_metadata = Base.metadata


def skip_empty_autogenerate(_context: Any, _revision: Any, directives: list[Any]) -> None:
    """Write no revision file when autogenerate finds no change."""
    if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
        directives[:] = []
        logger.info("No changes in schema detected.")


def run_migrations_offline() -> None:
    context.configure(
        url=settings["sqlalchemy.url"], target_metadata=target_metadata, literal_binds=True
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = get_engine(settings)
    with engine.connect() as connection, migration_lock(connection):
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            process_revision_directives=skip_empty_autogenerate,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
