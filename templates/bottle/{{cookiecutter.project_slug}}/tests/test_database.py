{%- set postgresql = cookiecutter.database == "postgresql" -%}
"""Settings from the environment, and the database a DATABASE_URL names."""

from pathlib import Path

import pytest

from {{ cookiecutter.project_slug }}.config import (
    DEFAULT_DATABASE_URL,
    PROJECT_DIR,
    api_tokens,
    cors_allowed_origins,
    database_url,
)
{% if postgresql -%}
from {{ cookiecutter.project_slug }}.database import (
    DatabaseUnavailableError,
    PostgreSQL,
    SQLite,
    open_database,
    sqlite_path,
)
{% else -%}
from {{ cookiecutter.project_slug }}.database import SQLite, open_database, sqlite_path
{% endif %}

def test_database_url_comes_from_the_environment() -> None:
    assert database_url({"DATABASE_URL": "sqlite:///other.db"}) == "sqlite:///other.db"
    assert database_url({}) == DEFAULT_DATABASE_URL


def test_api_tokens_and_cors_origins_are_comma_separated() -> None:
    assert api_tokens({"API_TOKENS": " first, second ,"}) == ("first", "second")
    environ = {"CORS_ALLOWED_ORIGINS": "https://a.example"}
    assert cors_allowed_origins(environ) == ("https://a.example",)


def test_no_api_token_and_no_cors_origin_by_default() -> None:
    assert api_tokens({}) == cors_allowed_origins({}) == ()


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("sqlite:///app.db", PROJECT_DIR / "app.db"),
        ("sqlite:///data/app.db", PROJECT_DIR / "data" / "app.db"),
        ("sqlite:////var/data/app.db", Path("/var/data/app.db")),
    ],
)
def test_sqlite_paths_are_relative_to_the_project(url: str, path: Path) -> None:
    assert sqlite_path(url) == path
    assert isinstance(open_database(url), SQLite)
{%- if postgresql %}


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://app@db:5432/app",
        "postgres://app@db:5432/app",
        "postgresql+psycopg://app@db:5432/app",
    ],
)
def test_postgresql_urls_open_a_connection_pool(url: str) -> None:
    database = open_database(url)
    assert isinstance(database, PostgreSQL)
    database.close()


def test_a_postgresql_server_that_does_not_answer_is_unavailable() -> None:
    # Nothing listens on port 1: every connection attempt is refused.
    database = PostgreSQL("postgresql://postgres@127.0.0.1:1/none", timeout=0.5)
    with pytest.raises(DatabaseUnavailableError), database.transaction():
        pass
    database.close()
{%- endif %}


def test_other_urls_are_refused() -> None:
    with pytest.raises(ValueError, match="DATABASE_URL must be"):
        open_database("mysql://app@db/app")
