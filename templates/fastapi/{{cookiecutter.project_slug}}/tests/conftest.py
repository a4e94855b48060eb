"""Fixtures: one migrated database and app per test session, a fresh TestClient per test.

The database is TEST_DATABASE_URL when set (for example a PostgreSQL server), otherwise a
SQLite file in a temporary folder.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from fastapi import FastAPI
from sqlalchemy import delete
from starlette.testclient import TestClient

from {{ cookiecutter.project_slug }}.config import Settings
from {{ cookiecutter.project_slug }}.database import create_engine
from {{ cookiecutter.project_slug }}.main import create_app
from {{ cookiecutter.project_slug }}.models import Item

PROJECT = Path(__file__).parents[1]


@pytest.fixture(scope="session")
def settings(
    tmp_path_factory: pytest.TempPathFactory, api_token: str, allowed_origin: str
) -> Settings:
    default = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    return Settings(
        database_url=os.environ.get("TEST_DATABASE_URL", default),
        api_tokens=(api_token,),
        cors_allowed_origins=(allowed_origin,),
    )


def alembic_config(database_url: str) -> Config:
    config = Config(PROJECT / "alembic.ini")
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    config.attributes["configure_logger"] = False  # Leave pytest's logging alone.
    return config


@pytest.fixture(scope="session")
def app(settings: Settings) -> FastAPI:
    config = alembic_config(settings.database_url)
    # From whatever a previous run left to an empty schema, then to the newest revision.
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    command.upgrade(config, "head")
    return create_app(settings)


def delete_all_items(database_url: str) -> None:
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(delete(Item))
    engine.dispose()


@pytest.fixture
def client(app: FastAPI, settings: Settings, api_token: str) -> Iterator[TestClient]:
    """Starlette's TestClient, which runs the app's lifespan, over an empty items table,
    sending the API token."""
    delete_all_items(settings.database_url)
    with TestClient(app, headers={"Authorization": f"Bearer {api_token}"}) as client:
        yield client
