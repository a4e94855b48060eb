"""Fixtures: one migrated database and app per test session, a clean table per test.

The database is TEST_DATABASE_URL when set (for example a PostgreSQL server), otherwise a
SQLite file in a temporary folder.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import downgrade, upgrade
from sqlalchemy import delete

from {{ cookiecutter.project_slug }} import create_app
from {{ cookiecutter.project_slug }}.config import sqlalchemy_url
from {{ cookiecutter.project_slug }}.extensions import db
from {{ cookiecutter.project_slug }}.models import Item


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    default = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    return sqlalchemy_url(os.environ.get("TEST_DATABASE_URL", default))


@pytest.fixture(scope="session")
def app(database_url: str, api_token: str, allowed_origin: str) -> Iterator[Flask]:
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "API_TOKENS": (api_token,),
            "CORS_ALLOWED_ORIGINS": (allowed_origin,),
        }
    )
    migrations = str(Path(__file__).parents[1] / "migrations")
    with app.app_context():
        # From whatever a previous run left to an empty schema, then to the newest revision.
        upgrade(directory=migrations)
        downgrade(directory=migrations, revision="base")
        upgrade(directory=migrations)
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def client(app: Flask, api_token: str) -> Iterator[FlaskClient]:
    """Flask's own test client over an empty items table, sending the API token."""
    with app.app_context():
        db.session.execute(delete(Item))
        db.session.commit()
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {api_token}"
    yield client
