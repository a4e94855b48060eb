"""The shipped migrations build exactly the schema the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from fastapi import FastAPI

from {{ cookiecutter.project_slug }}.config import Settings
from {{ cookiecutter.project_slug }}.database import Base, create_engine


def test_migrations_match_the_models(app: FastAPI, settings: Settings) -> None:
    # `app` migrated the test database.
    engine = create_engine(settings.database_url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == []
