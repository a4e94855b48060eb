"""Settings from the environment."""

import pytest

from {{ cookiecutter.project_slug }}.config import (
    DEFAULT_DATABASE_URL,
    PROJECT_DIR,
    ServiceConfig,
    database_url_from_environment,
    sqlalchemy_url,
)
from {{ cookiecutter.project_slug }}.contract import MAX_BODY_BYTES


@pytest.mark.parametrize(
    ("database_url", "expected"),
    [
        ("sqlite:////var/data/app.db", "sqlite:////var/data/app.db"),
        ("postgresql://app@db:5432/app", "postgresql+psycopg://app@db:5432/app"),
        ("postgres://app@db:5432/app", "postgresql+psycopg://app@db:5432/app"),
        ("postgresql+psycopg://app@db/app", "postgresql+psycopg://app@db/app"),
        # libpq's own parameters, which psycopg takes as they are (platforms add sslmode).
        ("postgres://db/app?sslmode=require", "postgresql+psycopg://db/app?sslmode=require"),
    ],
)
def test_database_url_is_mapped_to_the_driver(database_url: str, expected: str) -> None:
    url = database_url_from_environment({"DATABASE_URL": database_url})
    assert url.render_as_string() == expected


def test_a_relative_sqlite_path_is_in_the_project_folder() -> None:
    assert sqlalchemy_url("sqlite:///app.db").database == str(PROJECT_DIR / "app.db")


def test_defaults_need_no_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = ServiceConfig()
    assert sqlalchemy_url(DEFAULT_DATABASE_URL) == config.DATABASE_URL
    assert config.REQUEST_MAX_SIZE == MAX_BODY_BYTES
    assert config.GRACEFUL_SHUTDOWN_TIMEOUT == 1.0
    assert config.ACCESS_LOG is False


def test_sanic_variables_override_the_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SANIC_GRACEFUL_SHUTDOWN_TIMEOUT", "3.5")
    monkeypatch.setenv("SANIC_ACCESS_LOG", "true")
    monkeypatch.setenv("DATABASE_URL", "postgres://db/app")
    config = ServiceConfig()
    assert config.GRACEFUL_SHUTDOWN_TIMEOUT == 3.5
    assert config.ACCESS_LOG is True
    assert config.DATABASE_URL.render_as_string() == "postgresql+psycopg://db/app"


def test_api_tokens_and_cors_origins_are_comma_separated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("API_TOKENS", " first, second ,")
    monkeypatch.setenv("CORS_ALLOWED_ORIGINS", "https://a.example")
    config = ServiceConfig()
    assert config.API_TOKENS == ("first", "second")
    assert config.CORS_ALLOWED_ORIGINS == ("https://a.example",)


def test_no_api_token_and_no_cors_origin_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("API_TOKENS", raising=False)
    monkeypatch.delenv("CORS_ALLOWED_ORIGINS", raising=False)
    config = ServiceConfig()
    assert config.API_TOKENS == config.CORS_ALLOWED_ORIGINS == ()


def test_given_tokens_and_origins_win_over_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("API_TOKENS", "from-environment")
    config = ServiceConfig(api_tokens=["given"], cors_allowed_origins=[])
    assert config.API_TOKENS == ("given",)
    assert config.CORS_ALLOWED_ORIGINS == ()
