"""Settings from the environment."""

import pytest

from {{ cookiecutter.project_slug }}.config import (
    DEFAULT_DATABASE_URL,
    PROJECT_DIR,
    settings_from_environment,
    sqlalchemy_url,
)


@pytest.mark.parametrize(
    ("database_url", "expected"),
    [
        ("sqlite:////var/data/app.db", "sqlite:////var/data/app.db"),
        ("postgresql://app@db:5432/app", "postgresql+psycopg://app@db:5432/app"),
        ("postgres://app@db:5432/app", "postgresql+psycopg://app@db:5432/app"),
        ("postgresql+psycopg://app@db/app", "postgresql+psycopg://app@db/app"),
    ],
)
def test_database_url_is_mapped_to_the_driver(database_url: str, expected: str) -> None:
    settings = settings_from_environment({"DATABASE_URL": database_url})
    assert settings.database_url.render_as_string(hide_password=False) == expected


def test_a_relative_sqlite_path_is_in_the_project_folder() -> None:
    url = settings_from_environment({"DATABASE_URL": "sqlite:///app.db"}).database_url
    assert url.database == str(PROJECT_DIR / "app.db")


def test_defaults_need_no_environment() -> None:
    settings = settings_from_environment({})
    assert settings.database_url == sqlalchemy_url(DEFAULT_DATABASE_URL)
    assert settings.port == {{ cookiecutter._port }}


def test_api_tokens_and_cors_origins_are_comma_separated() -> None:
    settings = settings_from_environment(
        {"API_TOKENS": " first, second ,", "CORS_ALLOWED_ORIGINS": "https://a.example"}
    )
    assert settings.api_tokens == ("first", "second")
    assert settings.cors_allowed_origins == ("https://a.example",)


def test_no_api_token_and_no_cors_origin_by_default() -> None:
    settings = settings_from_environment({})
    assert settings.api_tokens == settings.cors_allowed_origins == ()
