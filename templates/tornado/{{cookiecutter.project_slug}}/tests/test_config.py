"""Settings from the environment."""

import pytest

from {{ cookiecutter.project_slug }}.config import (
    DEFAULT_DATABASE_URL,
    PROJECT_DIR,
    Settings,
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
        # libpq's own parameters, which psycopg takes as they are (platforms add sslmode).
        ("postgres://db/app?sslmode=require", "postgresql+psycopg://db/app?sslmode=require"),
    ],
)
def test_database_url_is_mapped_to_the_driver(database_url: str, expected: str) -> None:
    settings = settings_from_environment({"DATABASE_URL": database_url})
    assert settings.database_url.render_as_string() == expected


def test_a_relative_sqlite_path_is_in_the_project_folder() -> None:
    assert sqlalchemy_url("sqlite:///app.db").database == str(PROJECT_DIR / "app.db")


def test_defaults_need_no_environment() -> None:
    assert settings_from_environment({}) == Settings(
        database_url=sqlalchemy_url(DEFAULT_DATABASE_URL),
        port={{ cookiecutter._port }},
        processes=2,
        delay_seconds=1.0,
        shutdown_timeout=1.5,
    )


def test_server_settings_come_from_the_environment() -> None:
    environ = {"PORT": "9000", "WEB_CONCURRENCY": "4", "DELAY_SECONDS": "0.1"}
    settings = settings_from_environment({**environ, "SHUTDOWN_TIMEOUT": "3"})
    assert (settings.port, settings.processes, settings.delay_seconds) == (9000, 4, 0.1)
    assert settings.shutdown_timeout == 3.0


def test_api_tokens_and_cors_origins_are_comma_separated() -> None:
    settings = settings_from_environment(
        {"API_TOKENS": " first, second ,", "CORS_ALLOWED_ORIGINS": "https://a.example"}
    )
    assert settings.api_tokens == ("first", "second")
    assert settings.cors_allowed_origins == ("https://a.example",)


def test_no_api_token_and_no_cors_origin_by_default() -> None:
    settings = settings_from_environment({})
    assert settings.api_tokens == settings.cors_allowed_origins == ()
