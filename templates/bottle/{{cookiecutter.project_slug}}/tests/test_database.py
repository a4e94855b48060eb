{%- set postgresql = cookiecutter.database == "postgresql" -%}
"""Settings from the environment, and the database a DATABASE_URL names."""

{% if postgresql -%}
import uuid
{% endif -%}
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
    Database,
    DatabaseUnavailableError,
    PostgreSQL,
    SQLite,
    open_database,
    sqlite_path,
)
{% else -%}
from {{ cookiecutter.project_slug }}.database import Database, SQLite, open_database, sqlite_path
{% endif %}
INSERT_ITEM = "INSERT INTO items (name) VALUES (?)"


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


def test_autocommit_commits_each_statement_and_a_transaction_stays_one(
    database: Database,
) -> None:
    names = ("kept: committed on its own", "rolled back with its transaction")
    with pytest.raises(RuntimeError), database.autocommit() as db:
        db.execute(INSERT_ITEM, (names[0],))
        raise RuntimeError
    with pytest.raises(RuntimeError), database.transaction() as db:
        db.execute(INSERT_ITEM, (names[1],))
        raise RuntimeError
    with database.transaction() as db:
        assert db.execute("SELECT name FROM items WHERE name IN (?, ?)", names) == [(names[0],)]
        db.execute("DELETE FROM items WHERE name = ?", (names[0],))
{%- if postgresql %}


def test_a_connection_autocommit_used_goes_back_to_transactions(
    database: Database, database_url: str
) -> None:
    if not isinstance(database, PostgreSQL):
        pytest.skip("needs the PostgreSQL server of TEST_DATABASE_URL")
    # A pool of its own, with one connection, open before the first use: the transaction
    # gets the connection that autocommit used.
    database = open_database(database_url)
    assert isinstance(database, PostgreSQL)
    database.pool.open(wait=True)
    with database.autocommit() as db:
        db.execute("SELECT 1")
    name = f"rolled back {uuid.uuid4()}"
    with pytest.raises(RuntimeError), database.transaction() as db:
        db.execute(INSERT_ITEM, (name,))
        raise RuntimeError
    with database.transaction() as db:
        assert db.execute("SELECT name FROM items WHERE name = ?", (name,)) == []
    database.close()
{%- endif %}


def test_other_urls_are_refused() -> None:
    with pytest.raises(ValueError, match="DATABASE_URL must be"):
        open_database("mysql://app@db/app")
