"""Settings from the environment."""

import pytest

from {{ cookiecutter.project_slug }}.config import (
    DEFAULT_DATABASE_URL,
    settings_from_environment,
    sqlalchemy_url,
)
from {{ cookiecutter.project_slug }}.contract import MAX_BODY_BYTES


@pytest.mark.parametrize(
    ("database_url", "expected"),
    [
        ("sqlite:///app.db", "sqlite:///app.db"),
        ("sqlite:////var/data/app.db", "sqlite:////var/data/app.db"),
        ("postgresql://app@db:5432/app", "postgresql+psycopg://app@db:5432/app"),
        ("postgres://app@db:5432/app", "postgresql+psycopg://app@db:5432/app"),
        ("postgresql+psycopg://app@db/app", "postgresql+psycopg://app@db/app"),
    ],
)
def test_database_url_is_mapped_to_the_driver(database_url: str, expected: str) -> None:
    settings = settings_from_environment({"DATABASE_URL": database_url})
    assert settings["SQLALCHEMY_DATABASE_URI"] == expected


def test_defaults_need_no_environment() -> None:
    settings = settings_from_environment({})
    assert settings["SQLALCHEMY_DATABASE_URI"] == sqlalchemy_url(DEFAULT_DATABASE_URL)
    assert settings["MAX_CONTENT_LENGTH"] == MAX_BODY_BYTES


@pytest.mark.parametrize(
    ("database_url", "pinged"),
    [("sqlite:///app.db", False), ("postgresql://app@db:5432/app", True)],
)
def test_only_a_database_servers_connections_are_checked_before_use(
    database_url: str, pinged: bool
) -> None:
    settings = settings_from_environment({"DATABASE_URL": database_url})
    assert settings["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is pinged


def test_api_tokens_and_cors_origins_are_comma_separated() -> None:
    settings = settings_from_environment(
        {"API_TOKENS": " first, second ,", "CORS_ALLOWED_ORIGINS": "https://a.example"}
    )
    assert settings["API_TOKENS"] == ("first", "second")
    assert settings["CORS_ALLOWED_ORIGINS"] == ("https://a.example",)


def test_no_api_token_and_no_cors_origin_by_default() -> None:
    settings = settings_from_environment({})
    assert settings["API_TOKENS"] == settings["CORS_ALLOWED_ORIGINS"] == ()
