"""The welcome page and the health check."""

from flask import Blueprint, Response, jsonify
from sqlalchemy import text

from ..extensions import db, require_migrated

bp = Blueprint("main", __name__)

WELCOME = {{ ("Welcome to " ~ cookiecutter.project_name) | python_string }}


@bp.get("/")
def welcome() -> str:
    return WELCOME


@bp.get("/health")
def health() -> Response:
    # A database that does not answer, or lacks a migration, is a 503 problem.
    require_migrated()
    db.session.execute(text("SELECT 1"))
    return jsonify(status="ok")
