"""The welcome page and the health check."""

from sanic import Blueprint
from sanic.response import HTTPResponse, json, text
from sqlalchemy import Connection
from sqlalchemy import text as sql

from ..context import ServiceRequest

WELCOME = {{ ("Welcome to " ~ cookiecutter.project_name) | python_string }}

bp = Blueprint("main")


async def welcome(_request: ServiceRequest) -> HTTPResponse:
    return text(WELCOME)


def select_one(connection: Connection) -> None:
    connection.execute(sql("SELECT 1"))


async def health(request: ServiceRequest) -> HTTPResponse:
    """Whether the database answers: `SELECT 1` on a pooled connection, without an ORM session,
    in one executor call (503 while the database is down or not migrated)."""
    await request.app.ctx.database.in_connection(select_one)
    return json({"status": "ok"})


# GET and HEAD (RFC 9110: a server that answers GET answers HEAD; Sanic sends no body for it).
# add_route, because mypy takes route()'s decorator for an untyped one.
bp.add_route(welcome, "/", methods=["GET", "HEAD"])
bp.add_route(health, "/health", methods=["GET", "HEAD"])
