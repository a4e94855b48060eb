"""The welcome page and the health check."""

from flask import Blueprint, Response, jsonify
from sqlalchemy import text

from ..extensions import db

bp = Blueprint("main", __name__)

WELCOME = {{ ("Welcome to " ~ cookiecutter.project_name) | python_string }}


@bp.get("/")
def welcome() -> str:
    return WELCOME


@bp.get("/health")
def health() -> Response:
    # A database error propagates to the 503 problem handler.
    db.session.execute(text("SELECT 1"))
    return jsonify(status="ok")
