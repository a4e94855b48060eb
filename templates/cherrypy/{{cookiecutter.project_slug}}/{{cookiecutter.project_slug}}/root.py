"""The application's class tree: exposed methods are the pages, attributes the sub-paths."""

from typing import Any, ClassVar

import cherrypy
from sqlalchemy import text

from .database import migrated_connection
from .items import ItemsResource

WELCOME = {{ ("Welcome to " ~ cookiecutter.project_name) | python_string }}


class Api:
    """/api: the JSON API, whose resources answer per HTTP method (see items.py)."""

    _cp_config: ClassVar[dict[str, Any]] = {
        # Writes need an API token, checked first; browsers of the allowed origins may call
        # the API (access.py; their settings are in application_config).
        "tools.api_token.on": True,
        "tools.cors.on": True,
        # A database session per request only where handlers use one: the pages need none.
        "tools.db.on": True,
        "tools.allow.on": False,
        "tools.response_headers.on": False,
    }

    def __init__(self) -> None:
        self.items = ItemsResource()


class Root:
    """/: plain-text pages that answer GET and HEAD (405 with Allow otherwise)."""

    _cp_config: ClassVar[dict[str, Any]] = {
        "tools.allow.on": True,
        "tools.allow.methods": ["GET", "HEAD"],
        "tools.response_headers.on": True,
        "tools.response_headers.headers": [("Content-Type", "text/plain;charset=utf-8")],
    }

    def __init__(self) -> None:
        self.api = Api()

    @cherrypy.expose
    def index(self) -> str:
        return WELCOME

    @cherrypy.expose
    def greet(self, name: str = "Guest") -> str:
        return f"Hello, {name}!"

    @cherrypy.expose
    def add(self, a: str, b: str) -> str:
        try:
            return str(int(a) + int(b))
        except ValueError:
            raise cherrypy.HTTPError(400, "a and b must be integers.") from None

    @cherrypy.expose
    @cherrypy.tools.json_out()
    def health(self) -> dict[str, str]:
        # A pooled connection's SELECT 1, without a session (tools.db is off here). A
        # database error becomes the 503 problem (problems.error_response).
        with migrated_connection() as connection:
            connection.execute(text("SELECT 1"))
        return {"status": "ok"}
