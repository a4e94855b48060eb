"""{{ cookiecutter.project_name }}: the Flask application factory."""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
{%- if cookiecutter.observability == "opentelemetry" %}
from opentelemetry.instrumentation.flask import FlaskInstrumentor
from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
{%- endif %}

from . import cors, problems, request_log
from .config import settings_from_environment
from .extensions import db, migrate
from .migration_check import MigrationCheck
from .outside_transactions import outside_transactions
{%- if cookiecutter.observability == "opentelemetry" %}
from .telemetry import start_telemetry
{%- endif %}
from .views import items, main


def create_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    """Build the app from the environment; tests pass `overrides` on top of it."""
    app = Flask(__name__)
    app.config.from_mapping(settings_from_environment())
    if overrides:
        app.config.from_mapping(overrides)

    db.init_app(app)
    migrate.init_app(app, db)
    # Whether the database has every migration in migrations/: the release step's command.
    app.extensions["migration_check"] = MigrationCheck(
        Path(app.root_path).parent / "migrations",
        "uv run flask --app {{ cookiecutter.project_slug }} db upgrade",
    )
    with app.app_context():
        # The same engine and pool, for /health's SELECT 1 (see outside_transactions).
        app.extensions["health_engine"] = outside_transactions(db.engine)
    request_log.init_app(app)
    problems.init_app(app)
    cors.init_app(app)

    app.register_blueprint(main.bp)
    app.register_blueprint(items.bp)
{%- if cookiecutter.observability == "opentelemetry" %}
    if start_telemetry():
        # A span and the request metrics for each request, a span beneath it for each statement.
        FlaskInstrumentor.instrument_app(app)  # type: ignore[no-untyped-call]
        with app.app_context():
            # skip_dep_check: the instrumentation declares SQLAlchemy < 2.1, and works with 2.1
            # (tests/test_observability.py).
            SQLAlchemyInstrumentor().instrument(engine=db.engine, skip_dep_check=True)
{%- endif %}
    return app
