"""Route middleware ("migrated" in app/Kernel.py) of the routes that read the database: a 503
that names the migrate command while the database lacks a migration (app/database.py)."""

from masonite.configuration import config
from masonite.middleware import Middleware
from masonite.request import Request
from masonite.response import Response
from masoniteorm.schema import Schema

from ..database import MIGRATION_CHECK, logger
from ..problems import ApiError


class MigratedDatabaseMiddleware(Middleware):  # type: ignore[misc]
    def before(self, request: Request, response: Response) -> Request:
        if MIGRATION_CHECK.current:
            return request
        schema = Schema(connection_details=config("database.databases"))
        if pending := MIGRATION_CHECK.pending(schema):
            logger.warning("%s Missing: %s.", MIGRATION_CHECK.detail, ", ".join(pending))
            raise ApiError(503, MIGRATION_CHECK.detail)
        return request

    def after(self, request: Request, response: Response) -> Request:
        return request
