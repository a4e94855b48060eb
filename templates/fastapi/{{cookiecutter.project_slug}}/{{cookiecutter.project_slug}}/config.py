"""Settings from the environment and `.env` (see .env.example); the defaults just work."""

from typing import Annotated

from pydantic import AfterValidator, BeforeValidator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from .contract import comma_separated

{% if cookiecutter.database == "postgresql" -%}
DEFAULT_DATABASE_URL = "postgresql://localhost:5432/{{ cookiecutter.project_slug }}"
{%- else -%}
# A relative SQLite path is relative to the working directory: the project folder.
DEFAULT_DATABASE_URL = "sqlite:///{{ cookiecutter.project_slug }}.db"
{%- endif %}

# The plain URL forms people and platforms use, mapped onto the installed driver (psycopg 3;
# SQLite's is the standard library's sqlite3, SQLAlchemy's default for `sqlite://`).
DRIVER_SCHEMES = {"postgres": "postgresql+psycopg", "postgresql": "postgresql+psycopg"}


def sqlalchemy_url(database_url: str) -> str:
    scheme, separator, rest = database_url.partition("://")
    return f"{DRIVER_SCHEMES.get(scheme, scheme)}{separator}{rest}"


def split_commas(value: object) -> object:
    # From the environment or `.env`, a string; from code (the tests), already a tuple.
    return comma_separated(value) if isinstance(value, str) else value


# Plain comma-separated text: NoDecode stops pydantic-settings from reading it as JSON.
CommaSeparated = Annotated[tuple[str, ...], NoDecode, BeforeValidator(split_commas)]


class Settings(BaseSettings):
    """Each field is read from the environment variable of the same name, then from `.env`."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    # Given as a plain URL, kept as the SQLAlchemy URL of the installed driver.
    database_url: Annotated[str, AfterValidator(sqlalchemy_url)] = DEFAULT_DATABASE_URL
    # Writes to the API need one of these (routers/items.py); none: every write is refused.
    api_tokens: CommaSeparated = ()
    # Origins whose browsers may call the API (Starlette's CORSMiddleware, in main.py).
    cors_allowed_origins: CommaSeparated = ()
