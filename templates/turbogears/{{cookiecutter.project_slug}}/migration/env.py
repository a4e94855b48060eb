"""Alembic environment: migrates the database that the .ini file, or DATABASE_URL, names.

Run `alembic -c development.ini upgrade head` to migrate, and after changing the models
`alembic -c development.ini revision --autogenerate -m "what changed"` to write a migration.
"""

import logging
from logging.config import fileConfig
from pathlib import Path
from typing import Any

from alembic import context
from paste.deploy import appconfig
from sqlalchemy import engine_from_config

from {{ cookiecutter.project_slug }} import logs
from {{ cookiecutter.project_slug }}.config.settings import with_environment
from {{ cookiecutter.project_slug }}.migration_lock import migration_lock
from {{ cookiecutter.project_slug }}.model import metadata

config = context.config
if config.config_file_name is None:
    raise SystemExit("Run alembic with an .ini file: alembic -c development.ini ...")
# The .ini file's logging sections; production.ini has none: the release step logs as the
# production server does (logs.py).
if config.file_config.has_section("loggers"):
    fileConfig(config.config_file_name, disable_existing_loggers=False)
else:
    logs.configure()
logger = logging.getLogger("alembic.env")
# The app's own settings: [app:main] of the same .ini file, the environment over it.
settings = with_environment(appconfig(f"config:{Path(config.config_file_name).resolve()}"))
target_metadata = metadata


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
    engine = engine_from_config(settings, "sqlalchemy.")
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
