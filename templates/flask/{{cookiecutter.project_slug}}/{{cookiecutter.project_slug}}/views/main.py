"""The welcome page and the health check."""

from flask import Blueprint, Response, current_app, jsonify
from sqlalchemy import Engine, text

from ..extensions import require_migrated

bp = Blueprint("main", __name__)

WELCOME = {{ ("Welcome to " ~ cookiecutter.project_name) | python_string }}


@bp.get("/")
def welcome() -> str:
    return WELCOME


@bp.get("/health")
def health() -> Response:
    # A database that does not answer, or lacks a migration, is a 503 problem. A pooled
    # connection's SELECT 1 is the whole question: no session to open and close (nor, on
    # PostgreSQL, a transaction: see outside_transactions).
    require_migrated()
    engine: Engine = current_app.extensions["health_engine"]
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    return jsonify(status="ok")
