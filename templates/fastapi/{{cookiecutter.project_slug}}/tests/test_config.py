"""Settings from the environment and `.env`."""

from pathlib import Path

import pytest

from {{ cookiecutter.project_slug }}.config import DEFAULT_DATABASE_URL, Settings, sqlalchemy_url


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
    assert Settings(database_url=database_url).database_url == expected


def test_defaults_need_no_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    settings = Settings(_env_file=None)
    assert settings.database_url == sqlalchemy_url(DEFAULT_DATABASE_URL)


def test_environment_then_dotenv(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text("DATABASE_URL=sqlite:///from-dotenv.db\n")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert Settings(_env_file=dotenv).database_url == "sqlite:///from-dotenv.db"
    monkeypatch.setenv("DATABASE_URL", "postgres://app@db/app")
    assert Settings(_env_file=dotenv).database_url == "postgresql+psycopg://app@db/app"


def test_api_tokens_and_cors_origins_are_comma_separated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("API_TOKENS", " first, second ,")
    monkeypatch.setenv("CORS_ALLOWED_ORIGINS", "https://a.example")
    settings = Settings(_env_file=None)
    assert settings.api_tokens == ("first", "second")
    assert settings.cors_allowed_origins == ("https://a.example",)


def test_no_api_token_and_no_cors_origin_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("API_TOKENS", raising=False)
    monkeypatch.delenv("CORS_ALLOWED_ORIGINS", raising=False)
    settings = Settings(_env_file=None)
    assert settings.api_tokens == settings.cors_allowed_origins == ()


def test_api_tokens_from_dotenv(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text("API_TOKENS=generated\n")
    monkeypatch.delenv("API_TOKENS", raising=False)
    assert Settings(_env_file=dotenv).api_tokens == ("generated",)
