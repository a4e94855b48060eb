"""The shipped migrations build exactly the schema the models describe."""

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine

from {{ cookiecutter.project_slug }}.model import DBSession, metadata


def test_migrations_match_the_models(app: Any) -> None:
    engine = DBSession.get_bind()
    assert isinstance(engine, Engine)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []
