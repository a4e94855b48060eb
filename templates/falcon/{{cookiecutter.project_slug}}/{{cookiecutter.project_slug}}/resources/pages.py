"""The welcome page and the health check."""

import falcon
from sqlalchemy import text

from ..database import Database

WELCOME = {{ ("Welcome to " ~ cookiecutter.project_name) | python_string }}


class WelcomeResource:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.content_type = falcon.MEDIA_TEXT
        resp.text = WELCOME

    # HEAD is GET without the body (RFC 9110): Falcon sends no body for HEAD.
    on_head = on_get


class HealthResource:
    """Whether the database answers: a pooled connection's SELECT 1, without a Session (this
    resource does not ask SessionManager for one) and, on PostgreSQL, outside a transaction.
    503 while the database is down (see problems.database_down) or lacks a migration."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        with self.database.outside_transactions.connect() as connection:
            self.database.require_migrated(connection)
            connection.execute(text("SELECT 1"))
        resp.media = {"status": "ok"}

    on_head = on_get
