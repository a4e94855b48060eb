"""Alembic environment: migrates the database in DATABASE_URL, or in `sqlalchemy.url` (tests)."""

import logging
from logging.config import fileConfig
from typing import Any

from alembic import context
from dotenv import load_dotenv
from sqlalchemy.engine import URL

from {{ cookiecutter.project_slug }}.config import settings_from_environment
from {{ cookiecutter.project_slug }}.database import create_database_engine
from {{ cookiecutter.project_slug }}.migration_lock import migration_lock
from {{ cookiecutter.project_slug }}.models import Base

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)
logger = logging.getLogger("alembic.env")

target_metadata = Base.metadata


def database_url() -> str | URL:
    load_dotenv()
    return config.get_main_option("sqlalchemy.url") or settings_from_environment().database_url


def skip_empty_autogenerate(_context: Any, _revision: Any, directives: list[Any]) -> None:
    """Write no revision file when `alembic revision --autogenerate` finds no change."""
    if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
        directives[:] = []
        logger.info("No changes in schema detected.")


def run_migrations_offline() -> None:
    context.configure(url=database_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = create_database_engine(database_url())
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
