"""What a template declares about its framework: the schema of templates/<fw>/template.toml.

Every key a template may set is a field here, with its type, its meaning and its default, so the
defaults live in this one place. cookiecutter_json.py turns a declaration into the private
variables of the template's cookiecutter.json, which the template files and the hooks read.
The repository's tools and tests use this module (pydantic); generation never does.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from . import granian

# What mypy checks in a project unless the template says otherwise.
DEFAULT_MYPY_FILES = ["{{ cookiecutter.project_slug }}", "tests", "migrations"]
# What `pytest --cov` measures unless the template says otherwise.
DEFAULT_COVERAGE_SOURCES = ["{{ cookiecutter.project_slug }}"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Commands(Strict):
    """Shell commands, Jinja templates like the project files (`cookiecutter.project_slug`)."""

    web: str = Field(
        default="",
        description="the production server, the Procfile's web process, where it is not Granian",
    )
    granian_app: str = Field(
        default="",
        description="the app Granian serves (module:attribute): the web process is then the"
        " shared Granian command (service_hooks/granian.py)",
    )
    release: str = Field(description="migrations before a release: the Procfile's release process")
    dev: str = Field(description="the development server the README names")
    build: str = Field(default="", description="a step of the image build, after uv sync")

    @model_validator(mode="after")
    def one_server(self) -> Commands:
        if bool(self.web) == bool(self.granian_app):
            raise ValueError("give either web or granian_app")
        return self


class Setting(Strict):
    """An environment variable of the framework's own, written to .env.example."""

    name: str
    example: str
    comment: str


class Edit(Strict):
    """A change the suite makes to a file of a generated project."""

    path: str = Field(description="the file in the project, Jinja like the template's paths")
    after: str = Field(default="", description="the line the text goes after; none: a new file")
    text: str


class SchemaChange(Strict):
    """The model change tests/test_schema_change.py makes before it runs the commands of the
    generated README's "Change the schema" section."""

    table: str = Field(default="items", description="the table the items are stored in")
    column: str = Field(description="the nullable column the change adds to that table")
    edits: list[Edit] = Field(min_length=1)
    check: str = Field(
        default="",
        description="for a storage without SQL columns (an object database): the project's"
        " command (Jinja like the paths, run with `uv run` and DATABASE_URL) that exits 0 once"
        " the database has the change and non-zero before; the suite runs it instead of"
        " looking for the column",
    )


class Suite(Strict):
    """Facts only the template suite needs; they stay out of cookiecutter.json."""

    tables: list[str] = Field(
        min_length=1,
        description="the tables the release step creates: the items and the migration tool's"
        " record of what it applied (or the storage's own, where the framework has no SQL)",
    )
    schema_change: SchemaChange
    unservable_item: list[str] = Field(
        default_factory=lambda: ["INSERT INTO items (name) VALUES (?)"],
        description="the SQL statements the live tier runs on a SQLite database behind the"
        " service's back to store an item it cannot serve (its name a BLOB, the parameter of"
        " those that take one; the last one's row id is the item's id), whose GET must be one"
        " 500, one error line and one report; none where items are not SQL rows (an object"
        " database): the template's own tests prove that answer",
    )


class Declaration(Strict):
    title: str = Field(description="the framework's name as people write it")
    summary: str = Field(description="one line for the root chooser and the README's table")
    port: int = Field(description="the port the framework's documentation serves on")
    interface: Literal["wsgi", "asgi", "own"] = Field(description="how the server runs the app")
    worker_processes: bool = Field(
        default=True, description="the server forks WEB_CONCURRENCY workers (.env.example says so)"
    )
    python_versions: list[str] = Field(
        default_factory=list,
        description="the python_version answers the template offers, default first, where its"
        " dependencies do not reach every answer of the question; none: all of them",
    )
    commands: Commands
    reserved_names: list[str] = Field(
        description="import names of the framework and its dependencies: no slug may shadow them"
    )
    dependencies: list[str]
    postgresql_dependencies: list[str] = Field(description="added for database=postgresql")
    opentelemetry_dependencies: list[str] = Field(
        description="added for observability=opentelemetry: the instrumentations of the"
        " framework and its database driver"
    )
    opentelemetry_database_dependencies: dict[str, list[str]] = Field(
        default_factory=dict,
        description="database answer -> added for observability=opentelemetry with it (the"
        " DB-API instrumentation of that database's driver)",
    )
    postgresql_driver: str = Field(
        default="psycopg 3", description="the driver's name in the database question's label"
    )
    dev_dependencies: list[str] = Field(default_factory=list)
    installed_package: bool = Field(
        default=False, description="uv installs the project (editable), for entry points"
    )
    mypy_files: list[str] = Field(default_factory=lambda: list(DEFAULT_MYPY_FILES))
    coverage_sources: list[str] = Field(
        default_factory=lambda: list(DEFAULT_COVERAGE_SOURCES),
        description="what `pytest --cov` measures: the package, and the top-level folders of"
        " a framework whose layout keeps code outside it",
    )
    mypy_plugins: list[str] = Field(default_factory=list)
    mypy_untyped_modules: list[str] = Field(default_factory=list)
    pytest_ini_options: dict[str, str | list[str]] = Field(default_factory=dict)
    environment: list[Setting] = Field(default_factory=list)
    generated_secrets: list[str] = Field(
        default_factory=list, description="variables .env gets a fresh random value for"
    )
    only_for: dict[str, dict[str, list[str]]] = Field(
        default_factory=dict,
        description="question -> answer -> template paths kept only for that answer",
    )
    shared_modules: dict[str, str] = Field(
        default_factory=dict, description="project path -> a shared module in hooks/modules/"
    )
    suite: Suite

    @model_validator(mode="after")
    def granian_serves_wsgi_or_asgi(self) -> Declaration:
        if self.commands.granian_app and self.interface == "own":
            raise ValueError("granian_app needs the wsgi or asgi interface")
        return self

    @property
    def web_command(self) -> str:
        if not self.commands.granian_app:
            return self.commands.web
        return granian.command(self.interface, self.port, self.commands.granian_app)


def load(template: Path) -> Declaration:
    """The declaration in `template`/template.toml, checked against the schema."""
    with (template / "template.toml").open("rb") as file:
        return Declaration.model_validate(tomllib.load(file))
