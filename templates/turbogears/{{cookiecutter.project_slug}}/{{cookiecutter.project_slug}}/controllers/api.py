"""/api: the items API, on a database with every migration."""

from typing import Any

from ..lib.base import BaseController
from ..lib.database import require_migrated_database
from .items import ItemsController


class ApiController(BaseController):
    items = ItemsController()

    def _visit(self, *_args: Any, **_kw: Any) -> None:
        # Called as the dispatch enters /api, for every path below it: a 503 naming the
        # migrate command while the database lacks a migration.
        require_migrated_database()
