"""The shipped migrations build exactly the schema the models describe."""

import asyncio

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from fastapi import FastAPI
from sqlalchemy import Connection

from {{ cookiecutter.project_slug }}.config import Settings
from {{ cookiecutter.project_slug }}.database import Base, create_engine


def differences(connection: Connection) -> list[object]:
    return list(compare_metadata(MigrationContext.configure(connection), Base.metadata))


async def migrated_schema_differences(database_url: str) -> list[object]:
    engine = create_engine(database_url)
    async with engine.connect() as connection:
        found = await connection.run_sync(differences)
    await engine.dispose()
    return found


def test_migrations_match_the_models(app: FastAPI, settings: Settings) -> None:
    # `app` migrated the test database.
    assert asyncio.run(migrated_schema_differences(settings.database_url)) == []
