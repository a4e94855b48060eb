"""Alembic environment: migrates the app's database, on the driver the app uses.

The URL is the app's own setting (DATABASE_URL or `.env`), unless the caller sets
`sqlalchemy.url` on the Alembic config, as the tests do.
"""

import logging
from logging.config import fileConfig
from typing import Any

from alembic import context
from sqlalchemy import create_engine, pool

# Imported for its side effect: the models' tables join Base.metadata.
from {{ cookiecutter.project_slug }} import models  # noqa: F401
from {{ cookiecutter.project_slug }}.config import Settings, sqlalchemy_url
from {{ cookiecutter.project_slug }}.database import Base
from {{ cookiecutter.project_slug }}.migration_lock import migration_lock

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name)
logger = logging.getLogger("alembic.env")

target_metadata = Base.metadata
url_option = config.get_main_option("sqlalchemy.url")
database_url = sqlalchemy_url(url_option) if url_option else Settings().database_url


def skip_empty_autogenerate(_context: Any, _revision: Any, directives: list[Any]) -> None:
    """Write no revision file when `alembic revision --autogenerate` finds no change."""
    if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
        directives[:] = []
        logger.info("No changes in schema detected.")


def run_migrations_offline() -> None:
    """`alembic upgrade --sql`: write the SQL instead of running it."""
    context.configure(url=database_url, target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    # No pool: one connection for the run, closed at its end.
    engine = create_engine(database_url, poolclass=pool.NullPool)
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
