"""Alembic environment: migrates the database of DATABASE_URL.

The tests set `sqlalchemy.url` on the Alembic config to migrate their own database instead.
"""

import logging
from typing import Any

from alembic import context
from dotenv import load_dotenv
from sqlalchemy import create_engine, pool

from {{ cookiecutter.project_slug }}.config import settings_from_environment, sqlalchemy_url
from {{ cookiecutter.project_slug }}.migration_lock import migration_lock
from {{ cookiecutter.project_slug }}.models import Base

config = context.config
target_metadata = Base.metadata
if config.cmd_opts is not None:
    # The `alembic` command reports its steps; the tests migrate quietly.
    logging.basicConfig(format="%(levelname)-5.5s [%(name)s] %(message)s")
    logging.getLogger("alembic").setLevel(logging.INFO)


def database_url() -> str:
    given = config.get_alembic_option("sqlalchemy.url")
    if given:
        return sqlalchemy_url(given).render_as_string(hide_password=False)
    load_dotenv()
    return settings_from_environment().database_url.render_as_string(hide_password=False)


def skip_empty_autogenerate(_context: Any, _revision: Any, directives: list[Any]) -> None:
    """Write no revision file when `alembic revision --autogenerate` finds no change."""
    if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
        directives[:] = []
        logging.getLogger("alembic").info("No changes in schema detected.")


def run_migrations_offline() -> None:
    context.configure(
        url=database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = create_engine(database_url(), poolclass=pool.NullPool)
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
