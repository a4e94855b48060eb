"""Settings from the environment: DATABASE_URL, production's requirements and defaults."""

import runpy
import secrets
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.core.exceptions import ImproperlyConfigured

from {{ cookiecutter.project_slug }} import settings as settings_package
from {{ cookiecutter.project_slug }}.contract import MAX_BODY_BYTES, SECURITY_HEADERS
from {{ cookiecutter.project_slug }}.settings import base as base_settings
from {{ cookiecutter.project_slug }}.settings import environment

BASE_DIR = Path(__file__).resolve().parents[1]
# Made up for each run, with a character that a URL must escape.
DATABASE_PASSWORD = secrets.token_urlsafe(16) + "@"
# The variables the settings read, cleared so that each test sees only what it sets.
SETTINGS_VARIABLES = (
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "API_TOKENS",
    "CORS_ALLOWED_ORIGINS",
    "LOG_LEVEL",
    "LOG_FORMAT",
)


def load_settings(
    monkeypatch: pytest.MonkeyPatch, module: str, **variables: str
) -> dict[str, Any]:
    """Run a settings module afresh with exactly these variables (and no .env file)."""
    monkeypatch.setattr("dotenv.load_dotenv", lambda *args, **kwargs: False)
    # Without the imported `base`, the module imports it anew; both come back afterwards.
    monkeypatch.delitem(sys.modules, base_settings.__name__, raising=False)
    monkeypatch.setattr(settings_package, "base", base_settings)
    for name in SETTINGS_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return runpy.run_module(f"{settings_package.__name__}.{module}")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:///app.db", {"NAME": str(BASE_DIR / "app.db")}),
        ("sqlite:///data/app.db", {"NAME": str(BASE_DIR / "data" / "app.db")}),
        ("sqlite:////var/data/app.db", {"NAME": "/var/data/app.db"}),
        (
            f"postgresql://app:{quote(DATABASE_PASSWORD)}@db:5433/app?sslmode=require",
            {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": "app",
                "USER": "app",
                "PASSWORD": DATABASE_PASSWORD,
                "HOST": "db",
                "PORT": "5433",
                "OPTIONS": {"sslmode": "require"},
            },
        ),
        (
            "postgres://app@db/app",
            {"ENGINE": "django.db.backends.postgresql", "HOST": "db", "PORT": "", "NAME": "app"},
        ),
    ],
)
def test_database_url_is_mapped_to_the_backend(url: str, expected: dict[str, Any]) -> None:
    database = environment.database_from_url(url, BASE_DIR)
    assert database | expected == database
    assert database["CONN_HEALTH_CHECKS"] is True


def test_sqlite_waits_for_the_write_lock_in_wal_mode() -> None:
    options = environment.database_from_url("sqlite:///app.db", BASE_DIR)["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert "busy_timeout" in options["init_command"]


def test_an_unknown_database_scheme_is_refused() -> None:
    with pytest.raises(ValueError, match="DATABASE_URL must start with"):
        environment.database_from_url("mysql://app@db/app", BASE_DIR)


def test_flags_are_strict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOME_FLAG", "yes")
    assert environment.env_flag("SOME_FLAG") is True
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ValueError, match="SOME_FLAG must be true or false"):
        environment.env_flag("SOME_FLAG")


def test_production_requires_a_secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is not set"):
        load_settings(monkeypatch, "production")
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is not set"):
        load_settings(monkeypatch, "production", SECRET_KEY="")


def test_production_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(monkeypatch, "production", SECRET_KEY="k" * 50)
    assert settings["DEBUG"] is False
    assert {"localhost", "127.0.0.1"} <= set(settings["ALLOWED_HOSTS"])
    assert settings["SECURE_SSL_REDIRECT"] is False
    assert settings["SESSION_COOKIE_SECURE"] is settings["CSRF_COOKIE_SECURE"] is True
    assert settings["DATA_UPLOAD_MAX_MEMORY_SIZE"] == MAX_BODY_BYTES
    assert settings["SECURE_REFERRER_POLICY"] == SECURITY_HEADERS["Referrer-Policy"]
    assert settings["DATABASES"]["default"] == environment.database_from_url(
        settings["DEFAULT_DATABASE_URL"], BASE_DIR
    )


def test_production_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(
        monkeypatch,
        "production",
        SECRET_KEY="k" * 50,
        ALLOWED_HOSTS="example.com, www.example.com",
        SECURE_SSL_REDIRECT="true",
        DATABASE_URL="postgresql://app@db:5432/app",
    )
    assert settings["ALLOWED_HOSTS"] == [
        "example.com",
        "www.example.com",
        "localhost",
        "127.0.0.1",
        "[::1]",
    ]
    assert settings["SECURE_SSL_REDIRECT"] is True
    # The container's health check asks over plain HTTP.
    assert settings["SECURE_REDIRECT_EXEMPT"] == [r"^health$"]
    assert settings["DATABASES"]["default"]["HOST"] == "db"


def test_debug_is_off_unless_set(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_settings(monkeypatch, "base")["DEBUG"] is False
    assert load_settings(monkeypatch, "base", DEBUG="true")["DEBUG"] is True


def test_development_works_without_any_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(monkeypatch, "development")
    assert settings["DEBUG"] is True
    assert settings["SECRET_KEY"]


def test_api_tokens_and_cors_origins_are_comma_separated(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(
        monkeypatch,
        "production",
        SECRET_KEY="k" * 50,
        API_TOKENS=" first, second ,",
        CORS_ALLOWED_ORIGINS="https://a.example, https://b.example",
    )
    assert settings["API_TOKENS"] == ("first", "second")
    assert settings["CORS_ALLOWED_ORIGINS"] == ("https://a.example", "https://b.example")


def test_no_api_token_and_no_cors_origin_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(monkeypatch, "production", SECRET_KEY="k" * 50)
    assert settings["API_TOKENS"] == settings["CORS_ALLOWED_ORIGINS"] == ()
    # django-cors-headers answers for the API only, with what the contract lets browsers send.
    assert settings["CORS_URLS_REGEX"] == r"^/api/"
    assert "Authorization" in settings["CORS_ALLOW_HEADERS"]


def test_logging_follows_log_level_and_log_format(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(
        monkeypatch, "production", SECRET_KEY="k" * 50, LOG_LEVEL="warning", LOG_FORMAT="json"
    )
    assert settings["LOGGING"]["root"]["level"] == "WARNING"
    assert settings["LOGGING"]["handlers"]["stderr"]["formatter"] == "json"
    # Django's records go through that one handler only.
    assert settings["LOGGING"]["loggers"]["django"]["handlers"] == []
