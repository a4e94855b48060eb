"""Settings from the environment, and the server configuration built from them."""

import pytest

from {{ cookiecutter.project_slug }}.config import (
    DEFAULT_DATABASE_URL,
    DEFAULT_PORT,
    DEFAULT_THREADS,
    server_config,
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
    assert settings.database_url == expected


def test_defaults_need_no_environment() -> None:
    settings = settings_from_environment({})
    assert settings.database_url == sqlalchemy_url(DEFAULT_DATABASE_URL)
    assert (settings.port, settings.threads) == (DEFAULT_PORT, DEFAULT_THREADS)


def test_port_and_threads_come_from_the_environment() -> None:
    settings = settings_from_environment({"PORT": "9000", "WEB_THREADS": "4"})
    assert (settings.port, settings.threads) == (9000, 4)


def test_api_tokens_and_cors_origins_are_comma_separated() -> None:
    settings = settings_from_environment(
        {"API_TOKENS": " first, second ,", "CORS_ALLOWED_ORIGINS": "https://a.example"}
    )
    assert settings.api_tokens == ("first", "second")
    assert settings.cors_allowed_origins == ("https://a.example",)


def test_no_api_token_and_no_cors_origin_by_default() -> None:
    settings = settings_from_environment({})
    assert settings.api_tokens == settings.cors_allowed_origins == ()


def test_production_is_the_default_server_config() -> None:
    config = server_config(host="192.0.2.1", port=8080, threads=4)
    assert config["environment"] == "production"
    assert config["server.socket_host"] == "192.0.2.1"
    assert config["server.thread_pool"] == 4
    assert config["server.max_request_body_size"] > MAX_BODY_BYTES
    # CherryPy's own log handlers stay off: logs.py writes every line.
    assert config["log.screen"] is False


def test_development_keeps_cherrypy_defaults() -> None:
    config = server_config(host="127.0.0.1", port=8080, threads=4, development=True)
    assert "environment" not in config
