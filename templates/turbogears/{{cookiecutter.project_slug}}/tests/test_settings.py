"""Settings: the .ini file's, then the environment over them."""

import pytest

from {{ cookiecutter.project_slug }}.config.settings import sqlalchemy_url, with_environment

INI_URL = "sqlite:///from-the-ini.db"


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
def test_database_url_wins_and_is_mapped_to_the_driver(database_url: str, expected: str) -> None:
    settings = with_environment({"sqlalchemy.url": INI_URL}, {"DATABASE_URL": database_url})
    assert settings["sqlalchemy.url"] == expected
    assert settings["sqlalchemy.pool_pre_ping"] is not database_url.startswith("sqlite")


def test_the_ini_file_applies_without_environment() -> None:
    settings = with_environment({"sqlalchemy.url": INI_URL, "other": "kept"}, {})
    assert settings["sqlalchemy.url"] == INI_URL
    assert settings["other"] == "kept"
    assert settings["sqlalchemy.pool_pre_ping"] is False
    assert sqlalchemy_url("postgres://x@y/z") == "postgresql+psycopg://x@y/z"


def test_api_tokens_and_cors_origins_are_comma_separated() -> None:
    environ = {"API_TOKENS": " first, second ,", "CORS_ALLOWED_ORIGINS": "https://a.example"}
    settings = with_environment({"sqlalchemy.url": INI_URL}, environ)
    assert settings["api_tokens"] == ("first", "second")
    assert settings["cors_allowed_origins"] == ("https://a.example",)


def test_no_api_token_and_no_cors_origin_by_default() -> None:
    settings = with_environment({"sqlalchemy.url": INI_URL}, {})
    assert settings["api_tokens"] == settings["cors_allowed_origins"] == ()
